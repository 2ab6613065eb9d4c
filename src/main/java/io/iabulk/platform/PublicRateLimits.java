package io.iabulk.platform;

import io.iabulk.platform.internal.RateLimiter;
import io.iabulk.platform.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * The per-client-IP budgets of public endpoints ({@code iabulk.platform.rate-limit}). The edge
 * applies them to every handler marked {@link PublicEndpoint}; an endpoint served outside Spring
 * MVC (a plain servlet on a hot path) calls {@link #acquire} itself.
 */
@Component
public class PublicRateLimits {

    private final RateLimiter limiter;
    private final ClientAddresses clients;
    private final PlatformProperties.RateLimit limits;
    private final ProblemWriter problems;

    PublicRateLimits(
            RateLimiter limiter, ClientAddresses clients, PlatformProperties properties, ProblemWriter problems) {
        this.limiter = limiter;
        this.clients = clients;
        this.limits = properties.rateLimit();
        this.problems = problems;
    }

    /**
     * Takes one request of the client from the group's budget.
     *
     * @throws TooManyRequestsException when the budget is spent
     */
    public void acquire(String group, HttpServletRequest request) {
        if (!limits.enabled()) {
            return;
        }
        long retryAfter = limiter.tryAcquire(group + ':' + clients.of(request), limits.limitOf(group));
        if (retryAfter > 0) {
            throw new TooManyRequestsException(retryAfter);
        }
    }

    /**
     * As {@link #acquire}, for an endpoint outside Spring MVC: false when the budget is spent, the
     * answer then written as the edge writes it (429, {@code Retry-After}, problem details).
     */
    public boolean admit(String group, HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            acquire(group, request);
            return true;
        } catch (TooManyRequestsException e) {
            problems.tooManyRequests(request, response, e);
            return false;
        }
    }
}
