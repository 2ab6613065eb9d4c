package io.iabulk.analytics.web;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.internal.EventIngestor;
import io.iabulk.analytics.internal.IngestResult;
import io.iabulk.platform.ContentTooLargeException;
import io.iabulk.platform.LimitedInputStream;
import io.iabulk.platform.PayloadTooLargeException;
import io.iabulk.platform.StreamedUploadEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Analytics")
class EventController {

    static final String PATH = "/api/v1/events";
    static final String NDJSON = "application/x-ndjson";
    private static final String JSON_EXAMPLE = """
            [
              {"eventId": "order-1042", "email": "ada@example.com", "type": "purchase", "campaignId": 7,
               "occurredAt": "2026-11-26T10:15:30Z", "properties": {"amount": 42.5, "currency": "EUR"}},
              {"contactId": 12, "type": "app.screen_view", "properties": {"screen": "pricing"}}
            ]
            """;
    private static final String NDJSON_EXAMPLE = """
            {"eventId": "order-1042", "email": "ada@example.com", "type": "purchase", "campaignId": 7}
            {"contactId": 12, "type": "app.screen_view", "properties": {"screen": "pricing"}}
            """;

    private final EventIngestor ingestor;
    private final AnalyticsProperties.Ingest limits;
    private final JsonMapper json;

    EventController(EventIngestor ingestor, AnalyticsProperties properties, JsonMapper json) {
        this.ingestor = ingestor;
        this.limits = properties.ingest();
        this.json = json;
    }

    @Operation(
            summary = "Ingest custom events",
            description = "A JSON array, or NDJSON (one event object per line), of up to 10,000 events in up to "
                    + "16 MiB (configurable), read as a stream. Each event names its contact by `contactId` or "
                    + "`email`. Valid events are stored even when others are not: the answer lists the invalid ones "
                    + "by index. Idempotent by `eventId`: an id already stored for its day is counted in "
                    + "`duplicates`, not stored again.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        array = @ArraySchema(schema = @Schema(implementation = EventSchema.class)),
                                        examples =
                                                @ExampleObject(
                                                        name = "events",
                                                        summary = "Two events",
                                                        value = JSON_EXAMPLE)),
                                @Content(
                                        mediaType = NDJSON,
                                        schema = @Schema(type = "string", description = "One `Event` object per line"),
                                        examples =
                                                @ExampleObject(
                                                        name = "events",
                                                        summary = "Two events",
                                                        value = NDJSON_EXAMPLE))
                            }))
    @ApiResponse(
            responseCode = "200",
            description = "How many were stored, how many were duplicates, and why the " + "others were not")
    @ApiResponse(
            responseCode = "413",
            description = "The body is larger than the limit, or holds more events than the limit (`maxEvents`); "
                    + "nothing is stored")
    @io.iabulk.platform.NotAudited
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
