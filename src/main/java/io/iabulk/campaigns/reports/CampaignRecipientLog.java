package io.iabulk.campaigns.reports;

import io.iabulk.campaigns.TemplateService;
import io.iabulk.campaigns.internal.JdbcCampaignRepository;
import io.iabulk.campaigns.internal.JdbcCampaignRepository.CampaignRow;
import io.iabulk.delivery.CampaignRecipient;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * A campaign's per-recipient log (docs/decisions/0022): delivery's rows with the subject of each
 * recipient's variant. The subject is the variant's template as the operator wrote it (not rendered
 * per recipient: rendering a million subjects to list them would cost as much as sending them).
 */
@Component
public class CampaignRecipientLog {

    private final JdbcCampaignRepository campaigns;
    private final DeliveryService delivery;
    private final TemplateService templates;

    CampaignRecipientLog(JdbcCampaignRepository campaigns, DeliveryService delivery, TemplateService templates) {
        this.campaigns = campaigns;
        this.delivery = delivery;
        this.templates = templates;
    }

    /**
     * One recipient of a campaign.
     *
     * @param variant the subject variant's index (0-based), null when the campaign has one subject
     *     or none is assigned yet
     * @param subject the subject template of that variant (as written, not rendered), null when no
     *     variant is assigned yet
     */
    public record Recipient(
            long contactId,
            String email,
            String status,
            Integer variant,
            String subject,
            java.time.Instant scheduledAt,
            java.time.Instant sentAt,
            int attempts,
            String lastError,
            java.time.Instant openedAt,
            java.time.Instant clickedAt) {}

    /** Receives the rows of an export. */
    @FunctionalInterface
    public interface Rows {
        void row(Recipient recipient) throws IOException;
    }

    /**
     * A page of the campaign's recipients by contact id after {@code after}, up to {@code limit + 1}
     * rows (the extra one says there is a next page).
     *
     * @throws NotFoundException when there is no such campaign
     * @throws InvalidRequestException for an unknown status
     */
    public List<Recipient> page(long campaignId, String status, Long contactId, long after, int limit) {
        CampaignRow campaign = require(campaignId);
        String filter = status(status);
        List<String> subjects = subjects(campaign);
        return delivery.recipients(campaignId, filter, contactId, after, limit).stream()
                .map(r -> recipient(r, subjects))
                .toList();
    }

    /** Every recipient of the campaign (filtered like a page), in contact order, in one streamed query. */
    public void export(long campaignId, String status, Rows rows) throws IOException {
        CampaignRow campaign = require(campaignId);
        String filter = status(status);
        List<String> subjects = subjects(campaign);
        try {
            delivery.forEachRecipient(campaignId, filter, r -> rows.row(recipient(r, subjects)));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Every recipient (filtered like a page) as CSV (RFC 4180, the cells people typed guarded
     * against formulas): contactId, email, status, variant, subject, scheduledAt, sentAt, attempts,
     * lastError, openedAt, clickedAt.
     */
    public void writeCsv(long campaignId, String status, Appendable out) throws IOException {
        org.apache.commons.csv.CSVPrinter csv = io.iabulk.platform.CsvCells.FORMAT.print(out);
        csv.printRecord(
                "contactId",
                "email",
                "status",
                "variant",
                "subject",
                "scheduledAt",
                "sentAt",
                "attempts",
                "lastError",
                "openedAt",
                "clickedAt");
        export(
                campaignId,
                status,
                r -> csv.printRecord(
                        r.contactId(),
                        io.iabulk.platform.CsvCells.guard(r.email()),
                        r.status(),
                        r.variant(),
                        io.iabulk.platform.CsvCells.guard(r.subject()),
                        text(r.scheduledAt()),
                        text(r.sentAt()),
                        r.attempts(),
                        io.iabulk.platform.CsvCells.guard(r.lastError()),
                        text(r.openedAt()),
                        text(r.clickedAt())));
        csv.flush();
    }

    private static String text(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Checks the campaign exists (before a streamed answer starts). */
    public void check(long campaignId, String status) {
        require(campaignId);
        status(status);
    }

    private CampaignRow require(long id) {
        return campaigns.find(id).orElseThrow(() -> new NotFoundException("Campaign", id));
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String upper = status.strip().toUpperCase(Locale.ROOT);
        if (!CampaignRecipient.STATUSES.contains(upper)) {
            throw new InvalidRequestException(
                    "status",
                    "must be one of " + String.join(", ", CampaignRecipient.STATUSES) + "; got '" + status + "'");
        }
        return upper;
    }

    /** The subjects by variant index; one element when the campaign has one subject. */
    private List<String> subjects(CampaignRow campaign) {
        List<String> variants = campaign.subjectVariants();
        if (variants != null && !variants.isEmpty()) {
            return variants;
        }
        return List.of(templates.get(campaign.templateId()).subject());
    }

    private static Recipient recipient(CampaignRecipient r, List<String> subjects) {
        Integer variant = r.variant();
        String subject = null;
        if (subjects.size() == 1) {
            variant = null;
            subject = subjects.getFirst();
        } else if (variant != null && variant >= 0 && variant < subjects.size()) {
            subject = subjects.get(variant);
        }
        return new Recipient(
                r.contactId(),
                r.email(),
                r.status(),
                variant,
                subject,
                r.scheduledAt(),
                r.sentAt(),
                r.attempts(),
                r.lastError(),
                r.openedAt(),
                r.clickedAt());
    }
}
