package io.iabulk.intelligence.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Simple recency/frequency scores computed from a history file, as an independent cross-check of
 * the baseline the API reports: what a careful analyst gets with a spreadsheet, no model. Only
 * sends, opens and clicks before the send time {@code at} are used.
 *
 * <ul>
 *   <li><b>open rate</b>: (opens + k·m) / (sends + k), the person's open rate shrunk towards the
 *       population's m with the weight of k = 2 sends;
 *   <li><b>recency-weighted open rate</b>: the same with each past send weighted by 2^(−age / 30
 *       days), so recent behaviour counts more (recency and frequency in one number).
 * </ul>
 */
final class HistoryBaseline {

    static final double PRIOR_SENDS = 2;
    static final double HALF_LIFE_DAYS = 30;

    private final Map<String, double[]> people = new HashMap<>(); // sends, opens, w sends, w opens, w clicks
    private double sends;
    private double opens;
    private double clicks;

    private HistoryBaseline() {}

    static HistoryBaseline read(Path history, Instant at) throws IOException {
        HistoryBaseline baseline = new HistoryBaseline();
        try (BufferedReader reader = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null
                    || !header.toLowerCase(java.util.Locale.ROOT)
                            .startsWith("email,messageid,sentat,openedat,clickedat")) {
                throw new IllegalArgumentException("not a history file: " + history);
            }
            for (String line; (line = reader.readLine()) != null; ) {
                String[] cells = line.split(",", -1);
                Instant sentAt = Instant.parse(cells[2]);
                if (!sentAt.isBefore(at) || !cells[8].isEmpty()) {
                    continue; // after the send time, or bounced (never delivered)
                }
                boolean opened = !cells[3].isEmpty() && Instant.parse(cells[3]).isBefore(at);
                boolean clicked = !cells[4].isEmpty() && Instant.parse(cells[4]).isBefore(at);
                double ageDays = (at.getEpochSecond() - sentAt.getEpochSecond()) / 86400.0;
                double w = Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
                double[] p = baseline.people.computeIfAbsent(cells[0], k -> new double[5]);
                p[0]++;
                p[1] += opened ? 1 : 0;
                p[2] += w;
                p[3] += opened ? w : 0;
                p[4] += clicked ? w : 0;
                baseline.sends++;
                baseline.opens += opened ? 1 : 0;
                baseline.clicks += clicked ? 1 : 0;
            }
        }
        return baseline;
    }

    double populationOpenRate() {
        return sends == 0 ? 0 : opens / sends;
    }

    double openRate(String email) {
        double[] p = people.getOrDefault(email, new double[5]);
        return (p[1] + PRIOR_SENDS * populationOpenRate()) / (p[0] + PRIOR_SENDS);
    }

    double recencyWeightedOpenRate(String email) {
        double[] p = people.getOrDefault(email, new double[5]);
        return (p[3] + PRIOR_SENDS * populationOpenRate()) / (p[2] + PRIOR_SENDS);
    }

    double recencyWeightedClickRate(String email) {
        double[] p = people.getOrDefault(email, new double[5]);
        double m = sends == 0 ? 0 : clicks / sends;
        return (p[4] + PRIOR_SENDS * m) / (p[2] + PRIOR_SENDS);
    }
}
