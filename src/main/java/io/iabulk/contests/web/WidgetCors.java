package io.iabulk.contests.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.DomainException;
import io.iabulk.platform.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
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
    FilterRegistrationBean<CorsFilter> widgetCorsFilter(ContestService contests, ProblemResponses problems) {
        CorsFilter filter = new CorsFilter(source(contests));
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/v1/contests/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /** Spring's CORS checks, with a refusal answered as every other error: 403 problem details. */
    static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        private final ProblemResponses problems;

        ProblemCorsProcessor(ProblemResponses problems) {
            this.problems = problems;
        }

        @Override
        public boolean processRequest(
                CorsConfiguration config, HttpServletRequest request, HttpServletResponse response) throws IOException {
            boolean allowed = super.processRequest(config, request, response);
            if (!allowed) {
                problems.forbidden(
                        request,
                        response,
                        "cors-refused",
                        "This site may not call this contest from the browser: add its origin to the contest's "
                                + "allowedOrigins (https://host, no path)");
            }
            return allowed;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) {
            // answered by processRequest, with the problem details
        }
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
