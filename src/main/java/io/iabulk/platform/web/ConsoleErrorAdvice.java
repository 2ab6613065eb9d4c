package io.iabulk.platform.web;

import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.DomainException;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures of the console's pages. A page asked for by the browser gets a page in the console's
 * frame that says what happened and what to do; a request of the page's own script (htmx) gets
 * problem+json, whose {@code detail} the script shows next to what was clicked.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ConsoleErrorAdvice {

    private final ProblemWriter problems;

    ConsoleErrorAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView refused(DomainException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpStatus status = statusOf(e);
        if (e instanceof TooManyRequestsException tooMany) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
        }
        if (request.getHeader("HX-Request") != null || !acceptsHtml(request)) {
            ProblemDetail problem = e instanceof TooManyRequestsException tooMany
                    ? ProblemWriter.tooManyRequests(tooMany)
                    : ProblemWriter.problem(status, e.code(), e.getMessage());
            if (e instanceof InvalidRequestException invalid
                    && !invalid.errors().isEmpty()) {
                problem.setProperty("errors", invalid.errors());
            }
            problems.write(request, response, problem);
            return new ModelAndView();
        }
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", titleOf(status));
        page.addObject("detail", e.getMessage());
        return page;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept == null || accept.contains("text/html") || accept.contains("*/*");
    }

    private static HttpStatus statusOf(DomainException e) {
        return switch (e) {
            case NotFoundException ignored -> HttpStatus.NOT_FOUND;
            case ForbiddenException ignored -> HttpStatus.FORBIDDEN;
            case ConflictException ignored -> HttpStatus.CONFLICT;
            case TooManyRequestsException ignored -> HttpStatus.TOO_MANY_REQUESTS;
            case UnauthorizedException ignored -> HttpStatus.UNAUTHORIZED;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    private static String titleOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not allowed";
            case CONFLICT -> "That cannot be done now";
            case TOO_MANY_REQUESTS -> "Too many requests";
            case UNAUTHORIZED -> "Sign in first";
            default -> "That did not work";
        };
    }
}
