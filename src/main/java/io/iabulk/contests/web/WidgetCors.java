package io.iabulk.contests.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * Cross-origin calls of the embeddable widget: its view of the contest and the signup API, from the
 * contest's {@code allowedOrigins} only, without cookies. Any other origin, any other route, an
 * unknown contest or one without allowed origins gets no CORS header at all, so the browser keeps
 * the answer from the calling page (and a refused preflight never lets the signup be sent).
 */
@Configuration(proxyBeanMethods = false)
class WidgetCors {

    private static final Pattern ROUTE = Pattern.compile("^/api/v1/contests/([^/;]{1,100})/(widget|signups)$");

    @Bean
    FilterRegistrationBean<CorsFilter> widgetCorsFilter(ContestService contests) {
        FilterRegistrationBean<CorsFilter> registration =
                new FilterRegistrationBean<>(new CorsFilter(source(contests)));
        registration.addUrlPatterns("/api/v1/contests/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    static CorsConfigurationSource source(ContestService contests) {
        return request -> configuration(contests, request);
    }

    private static CorsConfiguration configuration(ContestService contests, HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        Matcher route = ROUTE.matcher(request.getRequestURI());
        if (origin == null || !route.matches()) {
            return null;
        }
        Contest contest;
        try {
            contest = contests.get(contests.resolve(route.group(1)));
        } catch (DomainException | IllegalArgumentException e) {
            return null; // no such contest: no CORS headers, and the route itself answers 404
        }
        List<String> allowed = contest.experience().allowedOrigins();
        if (allowed.isEmpty()) {
            return null;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowed);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type"));
        cors.setExposedHeaders(List.of("Location", "Retry-After"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(10));
        return cors;
    }
}
