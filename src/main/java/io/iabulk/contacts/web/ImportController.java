package io.iabulk.contacts.web;

import io.iabulk.contacts.ContactImport;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactsProperties;
import io.iabulk.platform.CsvCells;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.UploadSpooler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
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
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * CSV imports of contacts (admin key required): the upload is streamed to disk, its header checked
 * at once, and the lines processed in the background; progress and rejected lines are read back.
 */
@RestController
@Tag(name = "Imports")
@RequestMapping(path = "/api/v1/contacts/imports")
class ImportController {

    static final String PATH = "/api/v1/contacts/imports";
    private static final String CSV_EXAMPLE = """
            email,first_name,last_name,locale,time_zone,plan
            ada@example.com,Ada,Lovelace,en-GB,Europe/London,pro
            alan@example.com,Alan,Turing,,,free
            """;

    private final ContactService contacts;
    private final UploadSpooler spooler;

    ImportController(ContactService contacts, ContactsProperties properties) {
        this.contacts = contacts;
        this.spooler = new UploadSpooler(
                properties.imports().maxSize().toBytes(), properties.imports().tempDir(), "import-");
    }

    /** Accepts a CSV file as the raw body ({@code text/csv}) or as the {@code file} part of a form. */
    @Operation(
            summary = "Import contacts from a CSV file",
            description = "The body is the CSV itself (`text/csv` or `application/csv`) or the `file` part of a "
                    + "`multipart/form-data` form; UTF-8, up to 512 MB (configurable). The header must name an "
                    + "`email` column; `first_name`, `last_name`, `time_zone` and `locale` are known (names compared "
                    + "without case, spaces, `_`, `-` or `.`, so also `timeZone` as in the JSON API; also `Email "
                    + "Address`, `E-mail`, `FNAME`, `LNAME`, `Surname`, `TZ` as other mailers export them), any other "
                    + "column becomes an attribute (`Phone Number` as `Phone_Number`). An optional `status` column "
                    + "carries what the previous mailer knew: `unsubscribed`, `bounced` (or `cleaned`) and `complained` "
                    + "suppress the address (and an active contact of it); `subscribed`, `active` or empty change "
                    + "nothing, so an import never makes a suppressed address mailable again. The header is checked at once (400, nothing stored); the lines "
                    + "are processed in the background: poll `Location` for progress, invalid lines are listed by "
                    + "`/rejected`. Existing contacts are updated; suppressed addresses keep their status.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = "text/csv",
                                        schema = @Schema(type = "string", format = "binary"),
                                        examples =
                                                @ExampleObject(
                                                        name = "contacts",
                                                        summary = "Two contacts",
                                                        value = CSV_EXAMPLE)),
                                @Content(
                                        mediaType = "application/csv",
                                        schema = @Schema(type = "string", format = "binary"),
                                        examples =
                                                @ExampleObject(
                                                        name = "contacts",
                                                        summary = "Two contacts",
                                                        value = CSV_EXAMPLE)),
                                @Content(
                                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                        schema = @Schema(type = "object", requiredProperties = "file"),
                                        schemaProperties =
                                                @SchemaProperty(
                                                        name = "file",
                                                        schema =
                                                                @Schema(
                                                                        type = "string",
                                                                        format = "binary",
                                                                        description = "The CSV file")))
                            }))
    @ApiResponse(responseCode = "202", description = "Accepted and queued; `Location` names the import to poll")
    @ApiResponse(responseCode = "413", description = "The file is larger than the limit; nothing is stored")
    @ApiResponse(
            responseCode = "429",
            description = "Too many imports are waiting on this instance; retry after `Retry-After` seconds")
    @PostMapping(
            consumes = {"text/csv", "application/csv", MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            description = "The status of every line whose own `status` cell is empty or absent: `unsubscribed`, "
                    + "`bounced`, `cleaned` or `complained` to import a previous mailer's file of suppressed "
                    + "members as such (`subscribed` or `active`: none, as without it). A multipart upload may send "
                    + "it as a `status` form field instead, before or after the file.",
            schema =
                    @Schema(
                            type = "string",
                            allowableValues = {
                                "subscribed",
                                "active",
                                "unsubscribed",
                                "bounced",
                                "cleaned",
                                "complained"
                            }))
    ResponseEntity<ContactImport> upload(HttpServletRequest request) throws IOException {
        // read from the query string itself: asking the request for a parameter would make the
        // container parse a multipart body before the spooler streams it
        String status = queryParameter(request, "status");
        UploadSpooler.Upload upload = spooler.spool(request);
        ContactImport started;
        try {
            // a form may send it as a field instead (curl -F status=unsubscribed -F file=@x.csv), and
            // the console's form does; the two ways at once must agree
            String field = upload.fields().get("status");
            if (field != null && !field.isBlank()) {
                if (status != null && !status.isBlank() && !status.strip().equalsIgnoreCase(field.strip())) {
                    throw new InvalidRequestException(
                            "status", "the query's status and the form's status field differ; send one of them");
                }
                status = field;
            }
            started = contacts.startImport(upload.file(), upload.fileName(), upload.size(), status);
        } catch (RuntimeException e) {
            Files.deleteIfExists(upload.file());
            throw e;
        }
        return ResponseEntity.accepted()
                .location(URI.create(PATH + "/" + started.id()))
                .body(started);
    }

    @Operation(
            summary = "Progress of an import",
            description = "RUNNING, then FINISHED or FAILED (with its `error`); `processed` and `invalid` grow "
                    + "while it runs, `created`, `updated` and `suppressed` are set when it is done.")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ContactImport get(@PathVariable long id) {
        return contacts.importOf(id);
    }

    /**
     * The rejected lines as CSV: {@code line,email,reason}, in line order; cells that a spreadsheet
     * would run as formulas are neutralised (the email is whatever the file held).
     */
    @Operation(
            summary = "The rejected lines of an import",
            description = "CSV `line,email,reason` in line order, as a download.")
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
                                            value = "line,email,reason\r\n3,ada@,\"email must be a valid "
                                                    + "email address, like jane@example.com\"\r\n")))
    @GetMapping(path = "/{id}/rejected", produces = "text/csv")
    void rejected(@PathVariable long id, HttpServletResponse response) throws IOException {
        contacts.importOf(id); // a 404 before the CSV starts
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-rejected.csv\"");
        CSVPrinter csv = CsvCells.FORMAT.print(
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)));
        csv.printRecord("line", "email", "reason");
        contacts.rejections(
                id, (line, email, reason) -> csv.printRecord(line, CsvCells.guard(email), CsvCells.guard(reason)));
        csv.flush();
    }

    /** The first value of a query parameter, decoded; null when absent. */
    private static String queryParameter(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return equals < 0 ? "" : UriUtils.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new InvalidRequestException(name, "is not valid percent-encoding");
                }
            }
        }
        return null;
    }
}
