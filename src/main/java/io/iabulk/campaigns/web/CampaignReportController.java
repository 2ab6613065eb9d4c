package io.iabulk.campaigns.web;

import io.iabulk.analytics.Granularity;
import io.iabulk.campaigns.reports.CampaignPerformance;
import io.iabulk.campaigns.reports.CampaignReports;
import io.iabulk.campaigns.reports.CampaignSummary;
import io.iabulk.platform.Instants;
import io.iabulk.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' campaign reports (admin key required). */
@RestController
@Tag(name = "Campaigns")
@RequestMapping(path = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
class CampaignReportController {

    private final CampaignReports reports;

    CampaignReportController(CampaignReports reports) {
        this.reports = reports;
    }

    /**
     * Sent, delivered, first opens and clicks, conversions, unsubscribes, bounces and complaints
     * per bucket. {@code from} and {@code to} are ISO-8601 instants (or dates, meaning UTC
     * midnight); {@code granularity} is {@code minute}, {@code hour} (the default) or {@code day}.
     */
    @Operation(
            summary = "A campaign's performance over time",
            description = "Sent, delivered, first opens and clicks, conversions, unsubscribes, bounces and "
                    + "complaints per bucket, every bucket of the range present (zeros included). `from` and `to` are "
                    + "ISO-8601 instants or dates (UTC midnight), by default since the start; `granularity` is "
                    + "`minute`, `hour` (the default) or `day`. A range of too many buckets is a 400.")
    @GetMapping("/{id}/performance")
    CampaignPerformance performance(
            @PathVariable long id,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new InvalidRequestException("from", "must be before to");
        }
        return reports.performance(id, start, end, granularity(granularity));
    }

    /** Totals, rates and top links of a campaign. */
    @Operation(
            summary = "A campaign's summary",
            description = "Sent, delivered, unique human opens and clicks, conversions and their value per currency, "
                    + "unsubscribes, bounces, complaints, machine opens and clicks, rates (fractions 0 to 1) and the "
                    + "top links by distinct human recipients.")
    @GetMapping("/{id}/summary")
    CampaignSummary summary(@PathVariable long id) {
        return reports.summary(id);
    }

    private static Instant instant(String name, String value) {
        return value == null || value.isBlank() ? null : Instants.parse(name, value);
    }

    private static Granularity granularity(String value) {
        if (value == null || value.isBlank()) {
            return Granularity.HOUR;
        }
        try {
            return Granularity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("granularity", "must be minute, hour or day, got '" + value + "'");
        }
    }
}
