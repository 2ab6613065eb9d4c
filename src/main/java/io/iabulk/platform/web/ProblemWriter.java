package io.iabulk.platform.web;

import io.iabulk.platform.DomainException;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.ProblemResponses;
import io.iabulk.platform.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the problem details (RFC 9457) the edge answers with, and writes them where no MVC
 * handler is involved (filters).
 */
@Component
public class ProblemWriter implements ProblemResponses {

    private static final String TYPE_PREFIX = "urn:iabulk:problem:";

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    static ProblemDetail payloadTooLarge(long limit) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "The request body is larger than " + limit + " bytes; send less data per request");
    }

    static ProblemDetail tooManyRequests(TooManyRequestsException e) {
        return problem(HttpStatus.TOO_MANY_REQUESTS, e.code(), e.getMessage());
    }

    /** Adds the request path and id to a problem, so a user can quote them. */
    static ProblemDetail decorate(ProblemDetail problem, HttpServletRequest request) {
        if (problem.getInstance() == null) {
            setInstance(problem, request.getRequestURI());
        }
        Object requestId = request.getAttribute(EdgeFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    /** Names the address of the request in the problem, unless it is no valid URI reference. */
    static void setInstance(ProblemDetail problem, String address) {
        try {
            problem.setInstance(URI.create(address));
        } catch (IllegalArgumentException notAnAddress) {
            // the problem is still answered, without the address
        }
    }

    /**
     * Answers a spent rate limit where no MVC handler is involved, as the edge answers it: 429,
     * {@code Retry-After} and the problem details.
     */
    public void tooManyRequests(HttpServletRequest request, HttpServletResponse response, TooManyRequestsException e)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        write(request, response, tooManyRequests(e));
    }

    @Override
    public void forbidden(HttpServletRequest request, HttpServletResponse response, String code, String detail)
            throws IOException {
        write(request, response, problem(HttpStatus.FORBIDDEN, code, detail));
    }

    /** Answers a refusal of the edge where no controller advice is involved. */
    void write(HttpServletRequest request, HttpServletResponse response, DomainException refused) throws IOException {
        switch (refused) {
            case TooManyRequestsException e -> tooManyRequests(request, response, e);
            case UnauthorizedException e -> {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, UnauthorizedException.CHALLENGE);
                write(request, response, problem(HttpStatus.UNAUTHORIZED, e.code(), e.getMessage()));
            }
            case ForbiddenException e ->
                write(request, response, problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage()));
            default -> write(request, response, problem(HttpStatus.BAD_REQUEST, refused.code(), refused.getMessage()));
        }
    }

    void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
        decorate(problem, request);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
