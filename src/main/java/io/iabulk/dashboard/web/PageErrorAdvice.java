package io.iabulk.dashboard.web;

import io.iabulk.contests.ContestNotAcceptingSignupsException;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.DomainException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures of the participant pages as HTML pages in plain words, instead of the API's
 * problem+json. It covers the controllers of this package only and comes before the platform's
 * advice, which keeps answering everything else.
 */
@ControllerAdvice(basePackageClasses = PageErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);
    private static final String REQUEST_ID = "X-Request-ID";

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/c/")) {
            return page(
                    HttpStatus.NOT_FOUND,
                    "Contest not found",
                    "We couldn't find this contest",
                    "Check the link, or ask the person who shared it with you for a new one.");
        }
        if (path.startsWith("/p/")) {
            return page(
                    HttpStatus.NOT_FOUND,
                    "Page not found",
                    "We couldn't find this page",
                    "There is no participant page at this address. Check the link in your email and try again.");
        }
        return page(
                HttpStatus.NOT_FOUND,
                "Page not found",
                "We couldn't find this page",
                "Check the address and try again.");
    }

    @ExceptionHandler(InvalidRequestException.class)
    ModelAndView invalid() {
        return badRequest();
    }

    @ExceptionHandler(ContestNotAcceptingSignupsException.class)
    ModelAndView notAcceptingSignups() {
        return page(
                HttpStatus.CONFLICT,
                "Signups closed",
                "This contest does not take signups right now",
                "It has not opened yet or it has already ended.");
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict() {
        return page(
                HttpStatus.CONFLICT,
                "Not possible right now",
                "This can't be done right now",
                "Something changed in the meantime. Please go back, reload the page and try again.");
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ModelAndView tooManyRequests(TooManyRequestsException e, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        return page(
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests",
                "Please slow down a little",
                "We received a lot of requests from your network in a short time. Please wait "
                        + PageTexts.count(e.retryAfterSeconds(), "second", "seconds")
                        + " and try again.");
    }

    @ExceptionHandler(DomainException.class)
    ModelAndView otherDomain() {
        return badRequest();
    }

    /**
     * Everything else: the framework's own request errors (a malformed parameter, a missing body)
     * keep their 4xx status; anything unexpected is logged and is a 500 with a reference to quote.
     */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        HttpStatusCode status = e instanceof ErrorResponse error
                ? error.getStatusCode()
                : e instanceof TypeMismatchException || e instanceof HttpMessageNotReadableException
                        ? HttpStatus.BAD_REQUEST
                        : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return notFound(request);
        }
        if (status.is4xxClientError()) {
            ModelAndView page = badRequest();
            page.setStatus(status);
            return page;
        }
        log.error("Unexpected failure of a participant page", e);
        return page(
                HttpStatus.INTERNAL_SERVER_ERROR,
                new ErrorPage(
                        "Something went wrong",
                        "Something went wrong on our side",
                        "Sorry about that. Please try again in a moment. If it keeps happening, let the organisers"
                                + " know and quote the reference below.",
                        null,
                        null,
                        response.getHeader(REQUEST_ID)));
    }

    private static ModelAndView badRequest() {
        return page(
                HttpStatus.BAD_REQUEST,
                "Request not understood",
                "We couldn't understand this request",
                "Please go back, check what you entered and try again.");
    }

    private static ModelAndView page(HttpStatus status, String title, String heading, String message) {
        return page(status, new ErrorPage(title, heading, message, null, null, null));
    }

    private static ModelAndView page(HttpStatus status, ErrorPage page) {
        return new ModelAndView("dashboard/error", status).addObject("page", page);
    }
}
