package io.iabulk.campaigns.web;

import io.iabulk.campaigns.TemplateSyntaxException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A template syntax error as problem+json with the members {@code field}, {@code line} and {@code
 * column}, so an editor can point at the spot. Everything else goes to the platform's advice.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TemplateProblemAdvice {

    @ExceptionHandler(TemplateSyntaxException.class)
    ResponseEntity<ProblemDetail> syntax(TemplateSyntaxException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("urn:iabulk:problem:" + e.code()));
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("field", e.field());
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        problem.setProperty("reason", e.reason());
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
