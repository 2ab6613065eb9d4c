package io.iabulk.intelligence.history;

import io.iabulk.platform.CsvCells;
import io.iabulk.platform.UploadSpooler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Imports of engagement history from a previous mailer (admin key required): the body is streamed
 * to disk, its first line checked at once, the lines processed in the background; progress and
 * rejected lines are read back (docs/decisions/0020).
 */
@RestController
@Tag(name = "Imports")
@RequestMapping(path = HistoryImportController.PATH)
class HistoryImportController {

    static final String PATH = "/api/v1/contacts/history";
    static final String NDJSON = "application/x-ndjson";
    private static final String CSV_EXAMPLE = """
            email,messageId,sentAt,openedAt,clickedAt,opens,clicks
            ada@example.com,spring-sale-2026,2026-03-01T09:00:00Z,2026-03-01T09:12:00Z,,2,
            alan@example.com,spring-sale-2026,2026-03-01T09:00:00Z,,,,
            """;
    private static final String NDJSON_EXAMPLE = """
            {"email":"ada@example.com","messageId":"spring-sale-2026","sentAt":"2026-03-01T09:00:00Z","openedAt":"2026-03-01T10:12:00+01:00","opens":2}
            {"email":"alan@example.com","messageId":"spring-sale-2026","sentAt":"2026-03-01T09:00:00Z"}
            """;
    private static final String COLUMNS =
            "Columns (CSV header names, case-insensitive, or NDJSON field names; `sent_at` for `sentAt` and so on "
                    + "is taken too): "
                    + "`email`, `messageId` (the old tool's id of the campaign or message, 1 to 200 characters), `sentAt` "
                    + "(required), and optionally `openedAt`, `clickedAt`, `opens`, `clicks`, `unsubscribedAt`, `bouncedAt`, "
                    + "`complainedAt`. Times are ISO-8601 with a zone or offset (`2026-03-01T09:00:00Z`, `…+02:00`; a space for the "
                    + "`T` and `+02` or `+0200` are taken too); counts "
                    + "are whole numbers from 0 to 1,000,000; an empty cell or a null is absent; `openedAt` without `opens` "
                    + "means one open, `opens` above 0 needs `openedAt` (clicks alike); a human click is a human open, so a "
                    + "`clickedAt` without an earlier `openedAt` is stored as the first open too.";

    private final HistoryImporter importer;
    private final UploadSpooler spooler;

    HistoryImportController(HistoryImporter importer, HistoryImportProperties settings) {
        this.importer = importer;
        this.spooler = new UploadSpooler(settings.maxSize().toBytes(), settings.tempDir(), "history-");
    }

    @Operation(
            summary = "Import engagement history from a previous mailer",
            description = "One line per message a contact received in the past, as CSV (`text/csv`, "
                    + "`application/csv`, a header first) or NDJSON (`application/x-ndjson`, one JSON object per "
                    + "line); UTF-8, up to 2 GB (configurable). " + COLUMNS + " The first line is checked at once: "
                    + "a header missing a required column or naming an unknown or repeated one, or an NDJSON body "
                    + "whose first line is not a JSON object, is a 400 and nothing is stored. The lines are then "
                    + "processed in the background: poll `Location`; rejected lines (with their line number and "
                    + "reason: `UNKNOWN_CONTACT`, `MALFORMED`, `BAD_ZONE`, `FUTURE_DATE`, `OPENED_BEFORE_SENT`, "
                    + "`CLICKED_BEFORE_SENT`, `UNSUBSCRIBED_BEFORE_SENT`, `BOUNCED_BEFORE_SENT`, "
                    + "`COMPLAINED_BEFORE_SENT`) are listed by `/rejected`. A line whose (contact, messageId) is "
                    + "stored replaces it, so importing a corrected file again is safe; within a file the last line "
                    + "of a (contact, messageId) wins. Imported history feeds predictions only, never campaign "
                    + "reports.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = "text/csv",
                                        schema = @Schema(type = "string", format = "binary"),
                                        examples =
                                                @ExampleObject(
                                                        name = "history",
                                                        summary = "Two sends",
                                                        value = CSV_EXAMPLE)),
                                @Content(
                                        mediaType = "application/csv",
                                        schema = @Schema(type = "string", format = "binary"),
                                        examples =
                                                @ExampleObject(
                                                        name = "history",
                                                        summary = "Two sends",
                                                        value = CSV_EXAMPLE)),
                                @Content(
                                        mediaType = NDJSON,
                                        schema = @Schema(type = "string", format = "binary"),
                                        examples =
                                                @ExampleObject(
                                                        name = "history",
                                                        summary = "Two sends",
                                                        value = NDJSON_EXAMPLE))
                            }))
    @ApiResponse(responseCode = "202", description = "Accepted and queued; `Location` names the import to poll")
    @ApiResponse(responseCode = "413", description = "The file is larger than the limit; nothing is stored")
    @ApiResponse(
            responseCode = "429",
            description = "Too many imports are waiting on this instance; retry after `Retry-After` seconds")
    @PostMapping(
            consumes = {"text/csv", "application/csv", NDJSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<HistoryImport> upload(HttpServletRequest request) throws IOException {
        MediaType type = MediaType.parseMediaType(request.getContentType());
        HistoryRows.Format format =
                MediaType.parseMediaType(NDJSON).includes(type) ? HistoryRows.Format.NDJSON : HistoryRows.Format.CSV;
        Path file = spooler.spool(request).file();
        HistoryImport started;
        try {
            started = importer.start(file, null, Files.size(file), format);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return ResponseEntity.accepted()
                .location(URI.create(PATH + "/" + started.id()))
                .body(started);
    }

    @Operation(
            summary = "Progress of a history import",
            description = "RUNNING, then FINISHED or FAILED (with its `error`); `processed`, `imported` and `invalid` "
                    + "grow while it runs; when it is done, `processed = imported + invalid`.")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    HistoryImport get(@PathVariable long id) {
        return importer.find(id);
    }

    /**
     * The rejected lines as CSV, in line order; cells that a spreadsheet would run as formulas are
     * neutralised (the email and messageId are whatever the file held).
     */
    @Operation(
            summary = "The rejected lines of a history import",
            description = "CSV `line,reason,detail,email,messageId` in line order, as a download. `reason` is one of "
                    + "`UNKNOWN_CONTACT` (import the contact first), `MALFORMED`, `BAD_ZONE`, `FUTURE_DATE` and the "
                    + "`…_BEFORE_SENT` codes; `detail` says what is wrong.")
    @ApiResponse(
            responseCode = "200",
            description = "The rejected lines",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string"),
                            examples =
                                    @ExampleObject(
                                            name = "rejected",
                                            value =
                                                    "line,reason,detail,email,messageId\r\n3,UNKNOWN_CONTACT,no contact "
                                                            + "has this address: import contacts first,bob@example.com,"
                                                            + "spring-sale-2026\r\n")))
    @GetMapping(path = "/{id}/rejected", produces = "text/csv")
    void rejected(@PathVariable long id, HttpServletResponse response) throws IOException {
        importer.find(id); // a 404 before the CSV starts
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"history-import-" + id + "-rejected.csv\"");
        CSVPrinter csv = CsvCells.FORMAT.print(
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)));
        csv.printRecord("line", "reason", "detail", "email", "messageId");
        importer.rejections(
                id,
                (line, reason, detail, email, messageId) -> csv.printRecord(
                        line, reason, CsvCells.guard(detail), CsvCells.guard(email), CsvCells.guard(messageId)));
        csv.flush();
    }
}
