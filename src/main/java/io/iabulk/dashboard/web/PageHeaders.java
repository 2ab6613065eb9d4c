package io.iabulk.dashboard.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser protections for the participant pages. They run no script at all, so the policy allows
 * none: should a value ever escape its escaping, it still cannot run. Referrers are not sent, since
 * the confirmation page's address holds a token.
 */
@Component
class PageHeaders extends OncePerRequestFilter {

    private static final String POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self';" + " form-action 'self'; base-uri 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !(path.startsWith("/c/") || path.startsWith("/p/") || path.startsWith("/confirm/"));
    }
}
