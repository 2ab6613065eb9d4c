package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.AdaptiveVariants;
import io.iabulk.delivery.AdaptiveVariants.Goal;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.SnapshotChunk;
import io.iabulk.delivery.VariantFigures;
import io.iabulk.delivery.internal.SendResult.ClaimRef;
import io.iabulk.support.ServicesExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The measurement of adaptive subject lines (issue 15, section 3; run by
 * bench/intelligence/subject-lines.sh, skipped otherwise): simulated recipients of a campaign sent
 * through the real claim, Thompson sampler and per-variant counters on PostgreSQL, on a virtual
 * clock. Each recipient opens with the true probability of the subject the claim gave them, after
 * an exponential delay; opens are marked through the delivery's public {@code markOpened} as the
 * tracking pixel does for human opens. Cumulative regret: the expected opens lost against sending
 * everyone the truly best subject, {@code sum(best - p[variant])} over recipients. The even split's
 * regret is exact: {@code N * (best - mean p)}.
 */
@EnabledIfSystemProperty(named = "iabulk.bench.subject-lines.out", matches = ".+")
@ExtendWith(ServicesExtension.class)
// commits without waiting for the disk: the measurement is of the allocation, and a shared machine's
// fsyncs would otherwise set its pace (the statements and their locks are the same)
@TestPropertySource(
        properties =
                "spring.datasource.url=jdbc:postgresql://localhost:5432/test?currentSchema=${iabulk.test.delivery-schema}"
                        + "&options=-c%20synchronous_commit%3Doff")
class SubjectLineSimulation extends DeliveryTestSupport {

    private static final String P = "iabulk.bench.subject-lines.";

    @Autowired
    JdbcSendResults results;

    @Autowired
    VariantAssignments assignments;

    record Setting(String name, double[] rates) {}

    record Run(
            double adaptiveRegret,
            double splitRegret,
            double bestShare,
            double adaptiveBest,
            double splitBest,
            boolean adaptiveAnyConfident,
            boolean splitAnyConfident,
            long adaptiveOpens) {}

    @Test
    void measure() throws IOException {
        int recipients = Integer.getInteger(P + "recipients", 12_000);
        int rate = Integer.getInteger(P + "rate", 60);
        int batch = Integer.getInteger(P + "batch", 10);
        int runs = Integer.getInteger(P + "runs", 20);
        double delay = Double.parseDouble(System.getProperty(P + "delay", "5"));
        double warmup = properties.adaptiveSubjects().warmupFraction();
        List<Setting> settings = settings(System.getProperty(
                P + "settings",
                "clear:0.15/0.20/0.30;moderate:0.20/0.23/0.27;close:0.20/0.21/0.22;equal:0.20/0.20/0.20;"
                        + "low-rates:0.02/0.03/0.05"));
        Contacts contacts = contacts(recipients);
        String synchronousCommit =
                jdbc.sql("SHOW synchronous_commit").query(String.class).single();

        StringBuilder rows = new StringBuilder();
        List<String> verdicts = new ArrayList<>();
        long started = System.nanoTime();
        for (Setting setting : settings) {
            List<Run> done = new ArrayList<>();
            for (int seed = 1; seed <= runs; seed++) {
                done.add(run(contacts, setting.rates(), rate, batch, delay, seed));
            }
            rows.append(row(setting, done));
            verdicts.add(verdict(setting, done));
            System.out.printf(
                    Locale.ROOT, "%s done after %.0f s%n", setting.name(), (System.nanoTime() - started) / 1e9);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        String section = """
                ## Adaptive subject lines

                Issue 15, section 3; ADR 0023. Command: `%s`; %s; machine: %s.

                **What runs.** A campaign of %,d simulated recipients with %d subjects, sent at %d per second: the \
                real claim (`JdbcSendQueue.claim`, PostgreSQL `SKIP LOCKED` path, %d rows per claim), the real \
                Thompson sampler and per-variant counters, outcomes written by the real group-commit statement, on \
                a virtual clock (the whole campaign lasts %,d virtual seconds; all runs took %.0f s of wall time, \
                PostgreSQL `synchronous_commit` %s for speed: the statements and locks are the same). \
                Each recipient opens with the true probability of the subject the claim gave them, after an \
                exponential delay of mean %s s, marked through the delivery's `markOpened` as the tracking pixel \
                marks human opens. The first %.0f %% of the audience is split evenly, then Thompson sampling on \
                human opens per message sent. %d runs (seeds 1..%d of the sampler and of the recipients) per \
                setting of the true open rates.

                **Regret** is the expected opens lost against sending everyone the truly best subject: \
                `sum over recipients of (best rate - rate of the subject sent)`. The even split's is exact: \
                `N x (best - mean rate)`. **P(best)** is `probabilityBest` of the truly best subject once every \
                open has arrived (the figure `GET /api/v1/campaigns/{id}` shows); for the split, from the same \
                Beta posteriors over its simulated opens (N/3 per subject).

                | setting (true open rates) | split regret | adaptive regret: mean ± sd [min, max] | ratio | best subject's share of sends (adaptive) | P(best) adaptive: mean, runs ≥ 0.95 | P(best) split: mean, runs ≥ 0.95 |
                |---|---|---|---|---|---|---|
                %s
                **Against the target** (adaptive regret ≤ 40 %% of the split's; the best subject identified with \
                probabilityBest ≥ 0.95 when it is clearly better than the next):

                %s

                **Limits.** The opens arrive within seconds here (mean %s s); real opens trail a send by minutes \
                to hours, so on a real campaign the sampler learns from a fraction of the eventual opens and \
                gains less: the campaign must be rate-limited so that feedback arrives while it sends (a campaign \
                sent in a minute learns nothing after its warm-up). Settings where the subjects differ little \
                (close, equal) cannot reach the target ratio: the warm-up alone costs 10 %% of the split's \
                regret and the sampler keeps exploring when the posteriors overlap, which is right: there is \
                little to gain. Machine opens never reach the counters (`opened_at` is set for human opens only).
                """.formatted(
                        System.getProperty(P + "command", "bench/intelligence/subject-lines.sh"),
                        System.getProperty(P + "date", Instant.now().toString()),
                        System.getProperty(P + "machine", Runtime.getRuntime().availableProcessors() + " cores"),
                        recipients,
                        settings.getFirst().rates().length,
                        rate,
                        batch,
                        (int) Math.ceil((double) recipients / rate),
                        seconds,
                        synchronousCommit,
                        trim(delay),
                        warmup * 100,
                        runs,
                        runs,
                        rows,
                        String.join("\n", verdicts),
                        trim(delay));
        Path out = Path.of(System.getProperty(P + "out"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, section);
        System.out.println(section);
        assertThat(Files.size(out)).isPositive();
    }

    private Run run(Contacts contacts, double[] rates, int rate, int batch, double delay, long seed) {
        int k = rates.length;
        long campaign = newCampaign();
        delivery.activate(campaign, rate, new AdaptiveVariants(k, Goal.OPEN));
        long after = 0;
        while (true) {
            SnapshotChunk chunk = delivery.snapshot(campaign, contacts.audience(), k, after, 5_000);
            after = chunk.lastContactId();
            if (chunk.done()) {
                break;
            }
        }
        assignments.reseed(seed);
        SplittableRandom people = new SplittableRandom(seed * 1_000_003L + 17);
        double best = max(rates);
        int bestVariant = argmax(rates);
        Instant base = Instant.now().plusSeconds(1);
        double step = (double) batch / rate;
        PriorityQueue<double[]> pending = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        double regret = 0;
        long sent = 0;
        long bestSent = 0;
        long opens = 0;
        for (double t = 0; ; t += step) {
            opens += deliverOpens(pending, t, base);
            Instant now = at(base, t);
            List<QueuedSend> claimed = queue.claim(campaign, batch, "simulation", now.plusSeconds(600), now);
            if (claimed.isEmpty()) {
                break;
            }
            results.write(
                    claimed.stream()
                            .map(send -> SendResult.sent(ClaimRef.of(send), null))
                            .toList(),
                    "simulation",
                    now);
            for (QueuedSend send : claimed) {
                regret += best - rates[send.variant()];
                sent++;
                if (send.variant() == bestVariant) {
                    bestSent++;
                }
                if (people.nextDouble() < rates[send.variant()]) {
                    pending.add(new double[] {t - delay * Math.log(1 - people.nextDouble()), send.sendId()});
                }
            }
        }
        opens += deliverOpens(pending, Double.MAX_VALUE, base);
        List<VariantFigures> figures = delivery.variantFigures(campaign, k, Goal.OPEN);
        assertThat(figures.stream().mapToLong(VariantFigures::humanOpens).sum()).isEqualTo(opens);

        // the even split over the same audience: its regret is exact, its opens simulated
        double mean = 0;
        for (double p : rates) {
            mean += p / k;
        }
        long[] splitOpens = new long[k];
        long[] splitSent = new long[k];
        SplittableRandom split = new SplittableRandom(seed * 7_919L + 3);
        for (int i = 0; i < sent; i++) {
            int v = i % k;
            splitSent[v]++;
            if (split.nextDouble() < rates[v]) {
                splitOpens[v]++;
            }
        }
        double[] splitBest = BetaPosteriors.probabilityBest(splitOpens, splitSent);
        return new Run(
                regret,
                sent * (best - mean),
                (double) bestSent / sent,
                figures.get(bestVariant).probabilityBest(),
                splitBest[bestVariant],
                figures.stream().anyMatch(f -> f.probabilityBest() >= 0.95),
                max(splitBest) >= 0.95,
                opens);
    }

    /** Marks the opens due by virtual time {@code t}; returns how many. */
    private long deliverOpens(PriorityQueue<double[]> pending, double t, Instant base) {
        Map<Long, Instant> due = new HashMap<>();
        while (!pending.isEmpty() && pending.peek()[0] <= t) {
            double[] open = pending.poll();
            due.put((long) open[1], at(base, open[0]));
        }
        if (due.isEmpty()) {
            return 0;
        }
        return delivery.markOpened(due).size();
    }

    private static Instant at(Instant base, double seconds) {
        return base.plusNanos((long) (seconds * 1e9));
    }

    private static String row(Setting setting, List<Run> runs) {
        double split = runs.stream().mapToDouble(Run::splitRegret).average().orElse(0);
        double[] adaptive = runs.stream().mapToDouble(Run::adaptiveRegret).toArray();
        double mean = mean(adaptive);
        boolean distinct = max(setting.rates()) > second(setting.rates());
        return String.format(
                Locale.ROOT,
                "| %s (%s) | %.0f | %.0f ± %.0f [%.0f, %.0f] | %s | %s | %s | %s |%n",
                setting.name(),
                rates(setting.rates()),
                split,
                mean,
                sd(adaptive),
                min(adaptive),
                max(adaptive),
                split > 0 ? String.format(Locale.ROOT, "%.2f", mean / split) : "n/a (no regret possible)",
                distinct
                        ? String.format(
                                Locale.ROOT,
                                "%.0f %%",
                                100
                                        * runs.stream()
                                                .mapToDouble(Run::bestShare)
                                                .average()
                                                .orElse(0))
                        : "n/a",
                distinct
                        ? String.format(
                                Locale.ROOT,
                                "%.3f, %d/%d",
                                runs.stream()
                                        .mapToDouble(Run::adaptiveBest)
                                        .average()
                                        .orElse(0),
                                runs.stream()
                                        .filter(r -> r.adaptiveBest() >= 0.95)
                                        .count(),
                                runs.size())
                        : String.format(
                                Locale.ROOT,
                                "n/a; a variant ≥ 0.95 (a false winner) in %d/%d",
                                runs.stream().filter(Run::adaptiveAnyConfident).count(),
                                runs.size()),
                distinct
                        ? String.format(
                                Locale.ROOT,
                                "%.3f, %d/%d",
                                runs.stream()
                                        .mapToDouble(Run::splitBest)
                                        .average()
                                        .orElse(0),
                                runs.stream().filter(r -> r.splitBest() >= 0.95).count(),
                                runs.size())
                        : String.format(
                                Locale.ROOT,
                                "n/a; false winner in %d/%d",
                                runs.stream().filter(Run::splitAnyConfident).count(),
                                runs.size()));
    }

    private static String verdict(Setting setting, List<Run> runs) {
        double split = runs.stream().mapToDouble(Run::splitRegret).average().orElse(0);
        double mean = mean(runs.stream().mapToDouble(Run::adaptiveRegret).toArray());
        double[] rates = setting.rates();
        String name = "- **" + setting.name() + "** (" + rates(rates) + "): ";
        if (split == 0) {
            return name + "no subject is better, so there is no regret to save; what matters is that no false "
                    + "winner is declared (see the table).";
        }
        boolean ratioMet = mean / split <= 0.40;
        boolean clear = max(rates) >= 1.25 * second(rates); // clearly better: at least 25 % above the next
        String ratio = String.format(
                Locale.ROOT, "regret ratio %.2f %s 0.40", mean / split, ratioMet ? "meets ≤" : "falls short of ≤");
        if (!clear) {
            return name + ratio + "; the best is not clearly better than the next (less than 25 % above it), so "
                    + "identification is not part of the target.";
        }
        long identified = runs.stream().filter(r -> r.adaptiveBest() >= 0.95).count();
        return name
                + ratio
                + String.format(
                        Locale.ROOT,
                        "; best subject identified (probabilityBest ≥ 0.95) in %d of %d runs: %s.",
                        identified,
                        runs.size(),
                        identified == runs.size() ? "meets" : "falls short");
    }

    private static List<Setting> settings(String spec) {
        List<Setting> settings = new ArrayList<>();
        for (String part : spec.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            String[] nameRates = part.trim().split(":");
            String[] values = nameRates[1].split("/");
            double[] rates = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                rates[i] = Double.parseDouble(values[i]);
            }
            settings.add(new Setting(nameRates[0], rates));
        }
        return settings;
    }

    private static String rates(double[] rates) {
        List<String> shown = new ArrayList<>();
        for (double rate : rates) {
            shown.add(trim(rate));
        }
        return String.join(" / ", shown);
    }

    private static String trim(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static double sd(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0 : Math.sqrt(sum / (values.length - 1));
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double min(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
        }
        return min;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double second(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length < 2 ? sorted[0] : sorted[sorted.length - 2];
    }
}
