package io.iabulk.campaigns;

import io.iabulk.campaigns.CampaignsProperties.UnsubscribeFooterMode;
import io.iabulk.campaigns.templates.UnsubscribeLinks;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.NotFoundException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Checks what a campaign refers to (template, segment, contest, addresses) before it is stored or started. */
@Component
class CampaignChecks {

    private final JdbcClient jdbc;
    private final ContestService contests;
    private final TemplateService templates;
    private final SegmentService segments;
    private final UnsubscribeFooterMode unsubscribeFooter;

    CampaignChecks(
            JdbcClient jdbc,
            ContestService contests,
            TemplateService templates,
            SegmentService segments,
            CampaignsProperties properties) {
        this.jdbc = jdbc;
        this.contests = contests;
        this.templates = templates;
        this.segments = segments;
        this.unsubscribeFooter = properties.unsubscribeFooter();
    }

    /**
     * Validates a new campaign; returns the contest whose participation personalises it (the given
     * one, else the audience's contest, else null).
     */
    Long validate(NewCampaign campaign) {
        List<FieldError> errors = new ArrayList<>();
        if (!exists("templates", campaign.templateId())) {
            errors.add(new FieldError("templateId", "no template " + campaign.templateId()));
        }
        errors.addAll(audienceErrors(campaign.audience()));
        address("from", campaign.from(), errors);
        if (campaign.replyTo() != null) {
            address("replyTo", campaign.replyTo(), errors);
        }
        if (campaign.contextContestId() != null && !contestExists(campaign.contextContestId())) {
            errors.add(new FieldError("contextContestId", "no contest " + campaign.contextContestId()));
        }
        if (campaign.subjectVariants() != null) {
            for (int i = 0; i < campaign.subjectVariants().size(); i++) {
                String field = "subjectVariants[" + i + "]";
                try {
                    templates.checkSubject(field, campaign.subjectVariants().get(i));
                } catch (TemplateSyntaxException e) {
                    errors.add(new FieldError(field, e.getMessage()));
                }
            }
        }
        if (campaign.adaptive()) {
            // ADR 0023: sampling needs variants to choose from, and feedback while the campaign sends
            if (campaign.subjectVariants() == null || campaign.subjectVariants().size() < 2) {
                errors.add(new FieldError(
                        "subjectVariants", "adaptive variant selection needs at least 2 subject variants"));
            }
            if (campaign.maxRatePerSecond() == null) {
                errors.add(new FieldError(
                        "maxRatePerSecond",
                        "adaptive variant selection needs a rate-limited campaign, so that opens arrive while"
                                + " it sends (e.g. 60 per second)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return campaign.contextContestId() != null
                ? campaign.contextContestId()
                : campaign.audience().contestId();
    }

    /** The audience still names something that exists (checked again when a draft is started). */
    void validateAudience(Audience audience) {
        List<FieldError> errors = audienceErrors(audience);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    /**
     * With {@code iabulk.campaigns.unsubscribe-footer: refuse}, a campaign whose template lacks a
     * visible unsubscribe link does not start (ADR 0018); with {@code append} (the default) the
     * renderer adds a footer instead.
     *
     * @throws ConflictException {@code unsubscribe-link-missing}, saying what to add where
     */
    void validateUnsubscribeLink(long templateId) {
        if (unsubscribeFooter != UnsubscribeFooterMode.REFUSE) {
            return;
        }
        Template template = templates.get(templateId);
        UnsubscribeLinks.Presence links = UnsubscribeLinks.of(template.html(), template.text());
        if (links.complete()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!links.html()) {
            missing.add("to its HTML part a link <a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>");
        }
        if (!links.text()) {
            missing.add("to its text part {{unsubscribeUrl}}");
        }
        throw new ConflictException(
                "unsubscribe-link-missing",
                "Template " + templateId + " has no visible unsubscribe link and this service refuses to add one"
                        + " (iabulk.campaigns.unsubscribe-footer: refuse). Add " + String.join(", and ", missing)
                        + ", outside comments, hidden elements and {{#if}}/{{#each}} blocks, then start the"
                        + " campaign again.");
    }

    private List<FieldError> audienceErrors(Audience audience) {
        if (audience == null || audience.kind() == null) {
            return List.of(new FieldError(
                    "audience", "give exactly one of {\"segmentId\": n}, {\"contestId\": n} or {\"all\": true}"));
        }
        return switch (audience.kind()) {
            case SEGMENT -> segmentErrors(audience.segmentId());
            case CONTEST ->
                contestExists(audience.contestId())
                        ? List.of()
                        : List.of(new FieldError("audience.contestId", "no contest " + audience.contestId()));
            case ALL -> List.of();
        };
    }

    /**
     * The segment exists and its stored filter still compiles: one stored before filters were
     * validated in full would fail every snapshot of the running campaign, in the background.
     */
    private List<FieldError> segmentErrors(long id) {
        if (!exists("segments", id)) {
            return List.of(new FieldError("audience.segmentId", "no segment " + id));
        }
        try {
            segments.audience(id);
            return List.of();
        } catch (InvalidRequestException e) {
            FieldError first = e.errors().getFirst();
            return List.of(new FieldError(
                    "audience.segmentId",
                    "segment " + id + " has a filter that is no longer valid (" + first.field() + " " + first.message()
                            + "); create it again"));
        }
    }

    private boolean contestExists(long id) {
        try {
            contests.get(id);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Whether a row with this id is in the table (a constant of this package, never input). */
    boolean exists(String table, long id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static void address(String field, String value, List<FieldError> errors) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (address.getAddress() == null || !address.getAddress().contains("@")) {
                errors.add(new FieldError(field, "not an email address: " + value));
            }
        } catch (AddressException e) {
            errors.add(new FieldError(field, "not an email address (" + e.getMessage() + "): " + value));
        }
    }
}
