package io.iabulk.platform.web;

import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ContentTooLargeException;
import io.iabulk.platform.DomainException;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PayloadTooLargeException;
import io.iabulk.platform.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Maps every failure of an API request to {@code application/problem+json}: domain exceptions to
 * their status, malformed or invalid input to 400 with per-field {@code errors}, and anything
 * unexpected to a logged 500 that still carries the request id.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return answer(ProblemWriter.problem(HttpStatus.NOT_FOUND, e.code(), e.getMessage()), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        return answer(ProblemWriter.problem(HttpStatus.CONFLICT, e.code(), e.getMessage()), request);
    }

    @ExceptionHandler(ContentTooLargeException.class)
    ResponseEntity<Object> tooLarge(ContentTooLargeException e, WebRequest request) {
        return answer(ProblemWriter.payloadTooLarge(e.limit()), request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, WebRequest request) {
        return answer(validation(e.getMessage(), e.errors()), request);
    }

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<Object> unauthorized(UnauthorizedException e, WebRequest request) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.UNAUTHORIZED, e.code(), e.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, UnauthorizedException.CHALLENGE);
        return answer(problem, headers, request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException e, WebRequest request) {
        return answer(ProblemWriter.problem(HttpStatus.FORBIDDEN, e.code(), e.getMessage()), request);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Object> tooMany(TooManyRequestsException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        return answer(ProblemWriter.tooManyRequests(e), headers, request);
    }

    @ExceptionHandler(DomainException.class)
    ResponseEntity<Object> otherDomain(DomainException e, WebRequest request) {
        return answer(ProblemWriter.problem(HttpStatus.BAD_REQUEST, e.code(), e.getMessage()), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<InvalidRequestException.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new InvalidRequestException.FieldError(
                        lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return answer(validation("The request has invalid parameters", errors), request);
    }

    /**
     * A body beyond the parser's limits (nesting depth, number length), met by an endpoint that
     * reads its body itself (the events stream); those read by Spring MVC arrive wrapped below.
     */
    @ExceptionHandler(StreamConstraintsException.class)
    ResponseEntity<Object> jsonLimit(StreamConstraintsException e, WebRequest request) {
        return answer(jsonLimitExceeded(e), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure", e);
        return answer(
                ProblemWriter.problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "Something went wrong on our side; quote the requestId when you report it"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldError> errors = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(f -> errors.add(new InvalidRequestException.FieldError(f.getField(), f.getDefaultMessage())));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g ->
                        errors.add(new InvalidRequestException.FieldError(g.getObjectName(), g.getDefaultMessage())));
        return answer(validation("The request has invalid fields", errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidRequestException.FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(new InvalidRequestException.FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return answer(validation("The request has invalid parameters", errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        String required = e.getRequiredType() != null ? e.getRequiredType().getSimpleName() : "another type";
        return answer(
                validation(
                        "The request has invalid parameters",
                        List.of(new InvalidRequestException.FieldError(
                                name, "must be a valid " + required.toLowerCase() + ", got '" + e.getValue() + "'"))),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return answer(ProblemWriter.payloadTooLarge(tooLarge.limit()), request);
            }
            if (cause instanceof StreamConstraintsException limit) {
                return answer(jsonLimitExceeded(limit), request);
            }
            // a body type that checks its fields while it is read (SignupRequest's two codes)
            if (cause instanceof InvalidRequestException invalid) {
                return invalid(invalid, request);
            }
        }
        // a number beyond its field's type (2^64 for a long, 1e400) is that field's error
        if (e.getCause() instanceof JacksonException jackson
                && (!(jackson instanceof StreamReadException)
                        || (jackson instanceof InputCoercionException
                                && !jackson.getPath().isEmpty()))) {
            String field = jackson.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("body");
            return answer(
                    validation(
                            "The request has invalid fields",
                            List.of(new InvalidRequestException.FieldError(field, "has the wrong type or format"))),
                    request);
        }
        return answer(
                ProblemWriter.problem(
                        HttpStatus.BAD_REQUEST,
                        "malformed-body",
                        "The request body is not valid JSON for this endpoint"),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String slug = known != null ? known.name().toLowerCase().replace('_', '-') : "error";
            problem.setType(java.net.URI.create("urn:iabulk:problem:" + slug));
        }
        return answer(problem, headers, request);
    }

    private static ProblemDetail jsonLimitExceeded(StreamConstraintsException e) {
        // the client needs the limit, not the name of the parser's setting
        String limit = String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
        return ProblemWriter.problem(
                HttpStatus.BAD_REQUEST,
                "json-limit-exceeded",
                "The JSON body is beyond what the service reads: " + limit);
    }

    private static ProblemDetail validation(String detail, List<InvalidRequestException.FieldError> errors) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, "validation-failed", detail);
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(f -> Map.of("field", f.field(), "message", String.valueOf(f.message())))
                        .toList());
        return problem;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private ResponseEntity<Object> answer(ProblemDetail problem, WebRequest request) {
        return answer(problem, null, request);
    }

    private ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest servlet) {
            ProblemWriter.decorate(problem, servlet);
        }
        HttpHeaders all = new HttpHeaders();
        if (headers != null) {
            all.putAll(headers);
        }
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(all).body(problem);
    }
}
