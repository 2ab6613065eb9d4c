package io.iabulk.delivery.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Signature failures of the webhooks as problem details: 401 when the post is unsigned, 403 when
 * its signature is wrong. (The platform's advice maps domain exceptions to 400 only.)
 */
@RestControllerAdvice(assignableTypes = SendGridWebhookController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems {

    @ExceptionHandler(WebhookSignatureException.class)
    ResponseEntity<ProblemDetail> signature(WebhookSignatureException e, HttpServletRequest request) {
        HttpStatus status = e.missing() ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("urn:iabulk:problem:" + (e.missing() ? "webhook-unsigned" : "webhook-signature")));
        problem.setTitle(status.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        Object requestId = request.getAttribute("requestId");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.missing()) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Signature realm=\"sendgrid-event-webhook\"");
        }
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    @ExceptionHandler(SinkUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(SinkUnavailableException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(URI.create("urn:iabulk:problem:webhook-unavailable"));
        problem.setTitle(HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "60")
                .body(problem);
    }

    /** Nothing can apply provider events on this instance yet (SendGrid retries a 503). */
    static final class SinkUnavailableException extends RuntimeException {

        SinkUnavailableException(String message) {
            super(message);
        }
    }
}
