package io.iabulk.dashboard.console.campaigns;

import io.iabulk.campaigns.Audience;
import io.iabulk.campaigns.NewCampaign;
import io.iabulk.campaigns.SendTimeOptimization;
import io.iabulk.platform.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The compose form as posted: audience is {@code segment}, {@code contest} or {@code all}; sendAt a
 * {@code datetime-local} value in the operator's zone; blank subject variants are dropped;
 * sendTimeWindowHours switches send-time optimisation on (empty: everyone at once).
 * variantSelection {@code split} or {@code adaptive} with goal {@code open} or {@code click}.
 */
record CampaignForm(
        String name,
        Long templateId,
        String audience,
        Long segmentId,
        Long contestId,
        String from,
        String replyTo,
        List<String> subjectVariants,
        String sendAt,
        Integer maxRatePerSecond,
        Integer sendTimeWindowHours,
        String variantSelection,
        String goal) {

    static CampaignForm empty() {
        return new CampaignForm(null, null, "segment", null, null, null, null, List.of(), null, null, null, null, null);
    }

    /** The variant selection to show checked: split unless adaptive was chosen. */
    public String selection() {
        return "adaptive".equals(variantSelection) ? "adaptive" : "split";
    }

    /** The goal to show selected: opens unless clicks were chosen. */
    public String goalOrOpen() {
        return "click".equals(goal) ? "click" : "open";
    }

    /** The variants to show: at least one (empty) row. */
    public List<String> variantRows() {
        List<String> rows = new ArrayList<>(variants());
        if (rows.isEmpty()) {
            rows.add("");
        }
        return rows;
    }

    public List<String> variants() {
        return subjectVariants == null
                ? List.of()
                : subjectVariants.stream()
                        .filter(v -> v != null && !v.isBlank())
                        .map(String::strip)
                        .toList();
    }

    public String audienceKind() {
        return audience == null ? "segment" : audience;
    }

    NewCampaign toNewCampaign(ZoneId zone) {
        Audience chosen = switch (audienceKind()) {
            case "contest" -> new Audience(null, contestId, null);
            case "all" -> new Audience(null, null, true);
            default -> new Audience(segmentId, null, null);
        };
        List<String> variants = variants();
        return new NewCampaign(
                blankToNull(name),
                templateId,
                chosen,
                blankToNull(from),
                blankToNull(replyTo),
                variants.isEmpty() ? null : variants,
                sendAt(zone),
                maxRatePerSecond,
                null,
                null,
                sendTimeWindowHours == null ? null : new SendTimeOptimization(sendTimeWindowHours),
                blankToNull(variantSelection),
                blankToNull(goal));
    }

    private Instant sendAt(ZoneId zone) {
        if (sendAt == null || sendAt.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(sendAt.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("sendAt", "Enter a date and time, e.g. 2026-03-01T09:30");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
