package io.iabulk.platform.web;

import io.iabulk.platform.PublicEndpoint;
import io.iabulk.platform.PublicRateLimits;
import io.iabulk.platform.internal.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Admin endpoints need a known API key; public endpoints are rate-limited per client IP. A
 * handler is public only when it (or its controller) carries {@link PublicEndpoint}, so a new
 * endpoint is protected by default.
 */
@Component
class EdgeInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final PublicRateLimits rateLimits;
    private final ConcurrentHashMap<HandlerMethod, String> publicGroups = new ConcurrentHashMap<>();

    EdgeInterceptor(ApiKeys keys, PublicRateLimits rateLimits) {
        this.keys = keys;
        this.rateLimits = rateLimits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String group = publicGroups.computeIfAbsent(method, EdgeInterceptor::publicGroup);
        if (group.isEmpty()) {
            if (request.getRequestURI().startsWith("/api/")) {
                authenticate(request);
            }
            return true;
        }
        rateLimits.acquire(group, request);
        return true;
    }

    private void authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException(
                    "This endpoint needs the admin API key: send 'Authorization: Bearer <key>'");
        }
        if (!keys.isValid(header.substring(BEARER.length()).trim())) {
            throw new UnauthorizedException("The API key is not valid");
        }
    }

    /** The rate-limit group of a public handler, or "" for an admin handler. */
    private static String publicGroup(HandlerMethod method) {
        PublicEndpoint annotation =
                AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), PublicEndpoint.class);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), PublicEndpoint.class);
        }
        return annotation == null ? "" : annotation.value();
    }
}
