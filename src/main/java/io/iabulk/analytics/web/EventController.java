package io.iabulk.analytics.web;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.internal.EventIngestor;
import io.iabulk.analytics.internal.IngestResult;
import io.iabulk.platform.ContentTooLargeException;
import io.iabulk.platform.LimitedInputStream;
import io.iabulk.platform.PayloadTooLargeException;
import io.iabulk.platform.StreamedUploadEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/events}: a JSON array or NDJSON of up to 10,000 events (bodies up to 16 MiB,
 * configurable), read as a stream; answers {@code {accepted, duplicates, errors: [{index,
 * message}]}}.
 */
@RestController
class EventController {

    static final String PATH = "/api/v1/events";
    static final String NDJSON = "application/x-ndjson";

    private final EventIngestor ingestor;
    private final AnalyticsProperties.Ingest limits;
    private final JsonMapper json;

    EventController(EventIngestor ingestor, AnalyticsProperties properties, JsonMapper json) {
        this.ingestor = ingestor;
        this.limits = properties.ingest();
        this.json = json;
    }

    @PostMapping(
            path = PATH,
            consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    IngestResult ingest(HttpServletRequest request) throws IOException {
        long maxBytes = limits.maxBodySize().toBytes();
        if (request.getContentLengthLong() > maxBytes) {
            throw new ContentTooLargeException(maxBytes);
        }
        boolean ndjson =
                MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.parseMediaType(NDJSON));
        EventBodyReader.Batch batch;
        try (InputStream body = new LimitedInputStream(request.getInputStream(), maxBytes)) {
            batch = EventBodyReader.read(json, body, ndjson, limits.maxEvents());
        } catch (PayloadTooLargeException e) {
            throw new ContentTooLargeException(e.limit());
        } catch (JacksonException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PayloadTooLargeException tooLarge) {
                    throw new ContentTooLargeException(tooLarge.limit());
                }
            }
            if (e instanceof StreamReadException) {
                throw new MalformedEventsException("The body is not valid JSON: " + e.getOriginalMessage());
            }
            throw e;
        }
        return ingestor.ingest(batch.events(), batch.errors());
    }

    @ExceptionHandler(TooManyEventsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyEventsException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("urn:iabulk:problem:" + e.code()));
        problem.setTitle(HttpStatus.CONTENT_TOO_LARGE.getReasonPhrase());
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("maxEvents", e.limit());
        Object requestId = request.getAttribute("requestId");
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Lifts the edge's global body cap for this path: the handler enforces its own, larger one. */
    @Configuration(proxyBeanMethods = false)
    static class Uploads {

        @Bean
        StreamedUploadEndpoint eventUploads() {
            return new StreamedUploadEndpoint(PATH);
        }
    }
}
