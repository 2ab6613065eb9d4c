package io.iabulk.dashboard.console.campaigns;

import io.iabulk.analytics.Granularity;
import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignVariant;
import io.iabulk.campaigns.reports.CampaignPerformance;
import io.iabulk.campaigns.reports.CampaignReports;
import io.iabulk.campaigns.reports.CampaignSummary;
import io.iabulk.campaigns.reports.PerformanceBucket;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A campaign's report for the console: totals and rates, the hourly chart, top links, variants. */
@Component
class CampaignReportView {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

    private final CampaignReports reports;

    CampaignReportView(CampaignReports reports) {
        this.reports = reports;
    }

    /**
     * @param chart the ECharts spec of sends, human opens and clicks per hour (JSON)
     * @param buckets the same numbers, for the table that reads them out
     * @param variants the subject variants and how each fared (ADR 0023)
     * @param adaptive whether the variants were chosen adaptively as the campaign sent
     * @param goal what {@code probabilityBest} goes by: {@code open} or {@code click}
     */
    record Report(
            CampaignSummary summary,
            String chart,
            List<Bucket> buckets,
            List<Variant> variants,
            boolean adaptive,
            String goal) {}

    record Bucket(String label, long sent, long opened, long clicked) {}

    /**
     * @param likelyBest whether its probability of being the best is at least 0.95 (said in words
     *     on the page, not only by a colour)
     */
    record Variant(
            String letter,
            String subject,
            long sent,
            long humanOpens,
            long humanClicks,
            double openRate,
            double clickRate,
            double probabilityBest,
            boolean likelyBest) {}

    Report of(Campaign campaign, ZoneId zone) {
        CampaignSummary summary = reports.summary(campaign.id());
        List<Bucket> buckets = new ArrayList<>();
        if (campaign.startedAt() != null) {
            CampaignPerformance performance = reports.performance(campaign.id(), null, null, Granularity.HOUR);
            boolean days = performance.buckets().size() > 24;
            for (PerformanceBucket b : performance.buckets()) {
                String label = (days ? DAY_HOUR : HOUR).format(b.start().atZone(zone));
                buckets.add(new Bucket(label, b.sent(), b.opened(), b.clicked()));
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "bar");
        spec.put("x", buckets.stream().map(Bucket::label).toList());
        spec.put(
                "series",
                List.of(
                        Map.of(
                                "name",
                                "Sent",
                                "data",
                                buckets.stream().map(Bucket::sent).toList()),
                        Map.of(
                                "name",
                                "Human opens",
                                "data",
                                buckets.stream().map(Bucket::opened).toList()),
                        Map.of(
                                "name",
                                "Human clicks",
                                "data",
                                buckets.stream().map(Bucket::clicked).toList())));
        spec.put("yFormat", "count");
        List<Variant> variants = new ArrayList<>();
        for (CampaignVariant v : campaign.variants() == null ? List.<CampaignVariant>of() : campaign.variants()) {
            variants.add(new Variant(
                    String.valueOf((char) ('A' + v.index())),
                    v.subject(),
                    v.sent(),
                    v.humanOpens(),
                    v.humanClicks(),
                    v.openRate(),
                    v.clickRate(),
                    v.probabilityBest(),
                    v.probabilityBest() >= 0.95));
        }
        return new Report(
                summary,
                JSON.writeValueAsString(spec),
                buckets,
                variants,
                "adaptive".equals(campaign.variantSelection()),
                campaign.goal());
    }
}
