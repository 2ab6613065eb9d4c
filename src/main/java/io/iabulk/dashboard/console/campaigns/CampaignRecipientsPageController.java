package io.iabulk.dashboard.console.campaigns;

import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import io.iabulk.campaigns.reports.CampaignRecipientLog;
import io.iabulk.campaigns.reports.CampaignRecipientLog.Recipient;
import io.iabulk.delivery.CampaignRecipient;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A campaign's recipients in the console: the per-recipient log, paged by contact id and filtered
 * by status, and its CSV download (the API's {@code recipients.csv}).
 */
@Controller
@ConsolePage
class CampaignRecipientsPageController {

    static final int PAGE = 50;

    private final CampaignService campaigns;
    private final CampaignRecipientLog log;

    CampaignRecipientsPageController(CampaignService campaigns, CampaignRecipientLog log) {
        this.campaigns = campaigns;
        this.log = log;
    }

    @GetMapping("/campaigns/{id}/recipients")
    String recipients(
            @PathVariable long id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String after,
            Model model) {
        Campaign campaign = campaigns.get(id);
        String filter = status(status);
        long cursor = cursor(after);
        List<Recipient> fetched = log.page(id, filter, null, cursor, PAGE + 1);
        boolean more = fetched.size() > PAGE;
        List<Recipient> rows = more ? fetched.subList(0, PAGE) : fetched;
        String base = "/campaigns/" + id + "/recipients" + (filter == null ? "" : "?status=" + filter);
        String join = filter == null ? "?" : "&";
        model.addAttribute("campaign", campaign);
        model.addAttribute("rows", rows);
        model.addAttribute("status", filter == null ? "" : filter);
        model.addAttribute("statuses", CampaignRecipient.STATUSES);
        model.addAttribute(
                "variants",
                campaign.subjectVariants() != null && campaign.subjectVariants().size() > 1);
        model.addAttribute("firstUrl", cursor > 0 ? base : null);
        model.addAttribute(
                "nextUrl", more ? base + join + "after=" + rows.getLast().contactId() : null);
        model.addAttribute(
                "csvUrl", "/campaigns/" + id + "/recipients.csv" + (filter == null ? "" : "?status=" + filter));
        return "console/campaigns/recipients";
    }

    @GetMapping("/campaigns/{id}/recipients.csv")
    void csv(@PathVariable long id, @RequestParam(required = false) String status, HttpServletResponse response)
            throws IOException {
        String filter = status(status);
        log.check(id, filter);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campaign-" + id + "-recipients.csv\"");
        Writer out = new java.io.BufferedWriter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        log.writeCsv(id, filter, out);
        out.flush();
    }

    /** The status filter: blank for all, else one of the recipients' statuses (any case). */
    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String upper = status.strip().toUpperCase(Locale.ROOT);
        if (!CampaignRecipient.STATUSES.contains(upper)) {
            throw new InvalidRequestException("status", "Choose a status from the list.");
        }
        return upper;
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(after.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("after", "Not a page of this list.");
        }
    }
}
