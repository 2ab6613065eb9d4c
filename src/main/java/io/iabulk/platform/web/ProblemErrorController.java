package io.iabulk.platform.web;

import io.iabulk.platform.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the errors that never reach a controller (rejected by the server itself) with
 * problem+json too, instead of the framework's default error body. Public: it answers for requests
 * the edge already let in or refused; asked for directly, there is no error to show (404).
 */
@RestController
@PublicEndpoint("errors")
@Hidden // not an operation of the API: the container forwards its errors here
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(code instanceof Integer)) {
            code = HttpStatus.NOT_FOUND.value();
        }
        HttpStatus status = HttpStatus.resolve((Integer) code);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem = ProblemWriter.problem(
                status,
                status.name().toLowerCase().replace('_', '-'),
                status.is5xxServerError()
                        ? "Something went wrong on our side; quote the requestId when you report it"
                        : "The request could not be processed: " + status.getReasonPhrase());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            ProblemWriter.setInstance(problem, uri.toString());
        }
        ProblemWriter.decorate(problem, request);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
