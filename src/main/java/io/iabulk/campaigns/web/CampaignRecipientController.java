package io.iabulk.campaigns.web;

import io.iabulk.campaigns.reports.CampaignRecipientLog;
import io.iabulk.campaigns.reports.CampaignRecipientLog.Recipient;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A campaign's per-recipient log (admin key required; docs/decisions/0022). */
@RestController
@Tag(name = "Campaigns")
@RequestMapping(path = "/api/v1/campaigns")
class CampaignRecipientController {

    private static final String STATUS = "SCHEDULED (queued, its planned time ahead), QUEUED, SENDING, UNKNOWN, "
            + "SENT, FAILED, BOUNCED or CANCELLED";

    private final CampaignRecipientLog log;

    CampaignRecipientController(CampaignRecipientLog log) {
        this.log = log;
    }

    @Operation(
            summary = "A campaign's recipients",
            description = "One item per queued recipient, by contact id, keyset-paged (`cursor` is the page's "
                    + "`nextCursor`): status, subject variant (0-based, null when the campaign has one subject) and "
                    + "its subject template, planned send time (send-time optimisation), sent time, attempts, last "
                    + "error, first human open and click. Contacts left out at the snapshot (not mailable) have no "
                    + "item. An unknown status or a limit outside 1 to 1000 is a 400.")
    @GetMapping(path = "/{id}/recipients", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<Recipient> recipients(
            @PathVariable long id,
            @Parameter(description = STATUS) @RequestParam(required = false) String status,
            @RequestParam(required = false) Long contactId,
            @RequestParam(required = false) @Min(0) Long cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Page.of(
                log.page(id, status, contactId, cursor == null ? 0 : cursor, limit + 1), limit, Recipient::contactId);
    }

    @Operation(
            summary = "A campaign's recipients as CSV",
            description = "Every recipient (optionally of one `status`), streamed in contact order: contactId, email, "
                    + "status, variant, subject, scheduledAt, sentAt, attempts, lastError, openedAt, clickedAt.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv"))
    @GetMapping(path = "/{id}/recipients.csv", produces = "text/csv")
    void csv(
            @PathVariable long id,
            @Parameter(description = STATUS) @RequestParam(required = false) String status,
            HttpServletResponse response)
            throws IOException {
        log.check(id, status);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + id + "-recipients.csv\"");
        Writer out = new java.io.BufferedWriter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        log.writeCsv(id, status, out);
        out.flush();
    }
}
