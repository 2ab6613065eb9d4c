package io.iabulk.dashboard.console.campaigns;

import io.iabulk.analytics.Granularity;
import io.iabulk.campaigns.Campaign;
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
     * @param variants the subject variants and their share of the audience (contact id modulo their count)
     */
    record Report(CampaignSummary summary, String chart, List<Bucket> buckets, List<Variant> variants) {}

    record Bucket(String label, long sent, long opened, long clicked) {}

    record Variant(String letter, String subject, double share) {}

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
        List<String> subjects = campaign.subjectVariants() == null ? List.of() : campaign.subjectVariants();
        for (int i = 0; i < subjects.size(); i++) {
            variants.add(new Variant(String.valueOf((char) ('A' + i)), subjects.get(i), 1.0 / subjects.size()));
        }
        return new Report(summary, JSON.writeValueAsString(spec), buckets, variants);
    }
}
