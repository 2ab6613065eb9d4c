package io.iabulk.intelligence.predictions;

import io.iabulk.platform.CsvCells;
import io.iabulk.platform.Instants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Contacts' predicted engagement, one at a time or all as CSV (admin key required). */
@RestController
@Tag(name = "Contacts")
class PredictionController {

    private static final String AT = "The send time the probabilities are for: an ISO-8601 instant "
            + "(`2026-12-08T09:00:00Z`, or with an offset) or a date (UTC midnight), from 1970 to 9999.";

    private final Predictions predictions;
    private final PredictionExport export;
    private final Clock clock;

    PredictionController(Predictions predictions, PredictionExport export, Clock clock) {
        this.predictions = predictions;
        this.export = export;
        this.clock = clock;
    }

    @Operation(
            summary = "A contact's predicted engagement",
            description = "P(human open within 72 h) and P(human click within 72 h) of a send at `at` (default: now), "
                    + "the engagement score (the contact's percentile among active contacts, 0 to 100) and tier, and "
                    + "the contact's three best hours of the coming week in its time zone. Within the week after the "
                    + "last scoring run the answer is read from the stored scores (`computedAt` is that run's time); "
                    + "another `at` is computed from the contact's history. `source` says whether a trained model "
                    + "(`modelId`) or the baseline answered.")
    @ApiResponse(responseCode = "200", description = "The contact's prediction")
    @GetMapping(path = "/api/v1/contacts/{id}/predictions", produces = MediaType.APPLICATION_JSON_VALUE)
    ContactPrediction get(
            @PathVariable long id, @Parameter(description = AT) @RequestParam(required = false) String at) {
        return predictions.forContact(id, at(at));
    }

    @Operation(
            summary = "Every active contact's predictions as CSV",
            description = "`contactId,email,openProbability,clickProbability,engagementScore,tier` for every active "
                    + "contact in id order, streamed. Without `at`: the stored scores, whose probabilities are the "
                    + "means over the hours of the week after the last scoring run (a send at a typical hour). With "
                    + "`at` in that week: each contact's stored probabilities for a send at `at`; with any other "
                    + "`at`: computed from every contact's history. A contact not scored yet has empty cells (its "
                    + "probabilities are filled when they are computed).")
    @ApiResponse(
            responseCode = "200",
            description = "The predictions",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string"),
                            examples =
                                    @ExampleObject(
                                            name = "predictions",
                                            value = "contactId,email,openProbability,clickProbability,engagementScore,"
                                                    + "tier\r\n1,ada@example.com,0.4123,0.0712,91,HIGH\r\n"
                                                    + "2,bob@example.com,,,,\r\n")))
    @GetMapping(path = "/api/v1/predictions/export", produces = "text/csv")
    void export(@Parameter(description = AT) @RequestParam(required = false) String at, HttpServletResponse response)
            throws IOException {
        Instant sendTime = at == null ? null : Instants.parse("at", at); // a 400 before the CSV starts
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"predictions.csv\"");
        CSVPrinter csv = CsvCells.FORMAT.print(
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)));
        csv.printRecord("contactId", "email", "openProbability", "clickProbability", "engagementScore", "tier");
        export.write(
                sendTime,
                (contactId, email, open, click, score, tier) -> csv.printRecord(
                        contactId,
                        CsvCells.guard(email),
                        open == null ? null : Predictions.decimal(open).toPlainString(),
                        click == null ? null : Predictions.decimal(click).toPlainString(),
                        score,
                        tier));
        csv.flush();
    }

    private Instant at(String at) {
        return at == null ? clock.instant() : Instants.parse("at", at);
    }
}
