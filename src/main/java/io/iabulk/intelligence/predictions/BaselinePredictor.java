package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.PastSend;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The baseline: a contact's own open (click) rate, decayed and shrunk towards the population's, and
 * the population's odds by the local hour of the send. It knows nothing of a person's own hours; a
 * trained model must beat it (docs/decisions/0019, "Predictions").
 *
 * <p>For a send at {@code t}: a past send counts once its outcome is known at {@code t} (opened
 * within 72 h before {@code t}, or sent at least 72 h before it), with weight {@code 0.5^(age /
 * 60 days)}; P = (weighted opens + 5 × population rate) / (weighted sends + 5), then its odds are
 * multiplied by the population's odds ratio of the send's local hour (the contact's time zone).
 * Clicks alike. Only what happened before {@code t} is used, whatever the timeline holds.
 *
 * <p>The population's rates come from the last scoring run (every run learns them again from the
 * timelines it reads) and are {@link Population#PRIOR} until the first.
 */
public class BaselinePredictor implements EngagementPredictor {

    /** Past sends count with half their weight after this long. */
    public static final Duration HALF_LIFE = Duration.ofDays(60);

    /** The targets' window: an open or click within this long after a send. */
    public static final Duration WINDOW = Duration.ofHours(72);

    /** Weight of the population rate in a contact's rate, in sends. */
    public static final double PRIOR_SENDS = 5;

    private static final double HALF_LIFE_SECONDS = HALF_LIFE.toSeconds();

    private final Supplier<Population> population;

    public BaselinePredictor(Supplier<Population> population) {
        this.population = population;
    }

    @Override
    public Long modelId() {
        return null;
    }

    @Override
    public List<SendProbabilities> predict(ContactTimeline timeline, List<Instant> sendTimes) {
        Population rates = population.get();
        Rates open = new Rates(timeline.sends(), true);
        Rates click = new Rates(timeline.sends(), false);
        int[] order = ascending(sendTimes);
        LocalHours hours = new LocalHours(timeline.timeZone().getRules());
        SendProbabilities[] result = new SendProbabilities[order.length];
        for (int i : order) {
            Instant t = sendTimes.get(i);
            double oddsRatio = rates.hourOddsRatio(hours.at(t));
            // one decay factor for both rates (its power is most of the cost)
            double scale = Math.pow(2, (open.reference - t.getEpochSecond()) / HALF_LIFE_SECONDS);
            double pOpen = withOdds(open.rateAt(t, scale, rates.open()), oddsRatio);
            double pClick = withOdds(click.rateAt(t, scale, rates.click()), oddsRatio);
            result[i] = new SendProbabilities(t, pOpen, pClick);
        }
        return Arrays.asList(result);
    }

    /** The indexes of the times in time order (the scoring asks in order: no sort then). */
    private static int[] ascending(List<Instant> times) {
        int n = times.size();
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = !times.get(i).isBefore(times.get(i - 1));
        }
        if (sorted) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            return order;
        }
        return java.util.stream.IntStream.range(0, n)
                .boxed()
                .sorted((a, b) -> times.get(a).compareTo(times.get(b)))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Local hours of increasing instants: the offset is looked up again only after a transition. */
    private static final class LocalHours {

        private final ZoneRules zone;
        private int offset;
        private Instant from = Instant.MAX;
        private Instant until = Instant.MIN;

        LocalHours(ZoneRules zone) {
            this.zone = zone;
        }

        int at(Instant t) {
            if (t.isBefore(from) || !t.isBefore(until)) {
                offset = zone.getOffset(t).getTotalSeconds();
                ZoneOffsetTransition previous = zone.previousTransition(t.plusNanos(1));
                ZoneOffsetTransition next = zone.nextTransition(t);
                from = previous == null ? Instant.MIN : previous.getInstant();
                until = next == null ? Instant.MAX : next.getInstant();
            }
            return (int) Math.floorMod(Math.floorDiv(t.getEpochSecond() + offset, 3600), 24);
        }
    }

    static int localHour(ZoneRules zone, Instant t) {
        long local = t.getEpochSecond() + zone.getOffset(t).getTotalSeconds();
        return (int) Math.floorMod(Math.floorDiv(local, 3600), 24);
    }

    private static double withOdds(double p, double oddsRatio) {
        double odds = p / (1 - p) * oddsRatio;
        return odds / (1 + odds);
    }

    /**
     * A contact's decayed rate of one outcome (opens or clicks) for increasing send times: past
     * sends are taken in the order their outcome becomes known, each weighted once by {@code
     * 2^((sentAt - latest send) / half-life)} (at most 1, so nothing overflows), and the sums scaled to
     * each send time.
     */
    private static final class Rates {

        private final long[] knownAt;
        private final boolean[] strict;
        private final double[] weight;
        private final boolean[] positive;
        private int next;
        private double sends;
        private double hits;
        final long reference;

        Rates(List<PastSend> past, boolean opens) {
            int n = past.size();
            long latest = 0;
            for (PastSend send : past) {
                latest = Math.max(latest, send.sentAt().getEpochSecond());
            }
            reference = latest;
            Integer[] order = new Integer[n];
            long[] known = new long[n];
            boolean[] hit = new boolean[n];
            for (int i = 0; i < n; i++) {
                PastSend send = past.get(i);
                Instant outcome = opens ? send.openedAt() : send.clickedAt();
                boolean within = outcome != null
                        && !outcome.isBefore(send.sentAt())
                        && !outcome.isAfter(send.sentAt().plus(WINDOW));
                hit[i] = within;
                known[i] = micros(within ? outcome : send.sentAt().plus(WINDOW));
                order[i] = i;
            }
            // by the time the outcome is known; at equal times a miss first (it counts at t, a hit only after)
            Arrays.sort(
                    order,
                    (a, b) ->
                            known[a] != known[b] ? Long.compare(known[a], known[b]) : Boolean.compare(hit[a], hit[b]));
            knownAt = new long[n];
            strict = new boolean[n];
            weight = new double[n];
            positive = new boolean[n];
            for (int j = 0; j < n; j++) {
                int i = order[j];
                knownAt[j] = known[i];
                strict[j] = hit[i];
                positive[j] = hit[i];
                weight[j] = Math.pow(2, (past.get(i).sentAt().getEpochSecond() - reference) / HALF_LIFE_SECONDS);
            }
        }

        /**
         * The shrunk rate for a send at {@code t}, {@code scale} = {@code 2^((reference - t) /
         * half-life)}; calls come with non-decreasing {@code t}.
         */
        double rateAt(Instant t, double scale, double prior) {
            long at = micros(t);
            // a hit counts when it happened before t; a miss once 72 h have passed (at t itself)
            while (next < knownAt.length && (strict[next] ? knownAt[next] < at : knownAt[next] <= at)) {
                sends += weight[next];
                if (positive[next]) {
                    hits += weight[next];
                }
                next++;
            }
            double rate = (hits * scale + PRIOR_SENDS * prior) / (sends * scale + PRIOR_SENDS);
            return Math.clamp(rate, 1e-4, 1 - 1e-4);
        }

        private static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
        }
    }

    /**
     * What the baseline knows of everyone: the open and click rates of past sends (shrunk towards
     * {@link #PRIOR}'s by {@value #PRIOR_WEIGHT_SENDS} sends) and the odds ratio of each local hour
     * of sending against all hours, shrunk towards 1 by {@value #HOUR_PRIOR_SENDS} sends of the
     * overall rate.
     *
     * @param sends the past sends these rates were learned from
     * @param hourOdds 24 odds ratios, by local hour of the send
     */
    public record Population(double open, double click, long sends, double[] hourOdds) {

        static final double HOUR_PRIOR_SENDS = 200;

        /** Weight of {@link #PRIOR}'s rates in the population's, in sends. */
        static final double PRIOR_WEIGHT_SENDS = 100;

        /** Before any data: an open rate of 20 %, clicks 3 %, every hour alike. */
        public static final Population PRIOR = new Population(0.2, 0.03, 0, flat());

        public Population {
            if (hourOdds.length != 24) {
                throw new IllegalArgumentException("24 hours");
            }
            hourOdds = hourOdds.clone();
        }

        double hourOddsRatio(int hour) {
            return hourOdds[hour];
        }

        private static double[] flat() {
            double[] ones = new double[24];
            Arrays.fill(ones, 1.0);
            return ones;
        }

        /** {@code open,click,sends;r0,…,r23}: what a scoring run stores for every instance to read. */
        public String encode() {
            StringBuilder text = new StringBuilder(400);
            text.append(number(open))
                    .append(',')
                    .append(number(click))
                    .append(',')
                    .append(sends);
            char separator = ';';
            for (double ratio : hourOdds) {
                text.append(separator).append(number(ratio));
                separator = ',';
            }
            return text.toString();
        }

        public static Population decode(String text) {
            String[] parts = text.split(";");
            String[] head = parts[0].split(",");
            String[] hours = parts[1].split(",");
            double[] odds = new double[24];
            for (int h = 0; h < 24; h++) {
                odds[h] = Double.parseDouble(hours[h]);
            }
            return new Population(
                    Double.parseDouble(head[0]), Double.parseDouble(head[1]), Long.parseLong(head[2]), odds);
        }

        private static String number(double value) {
            return String.format(Locale.ROOT, "%.6g", value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Population p
                    && p.open == open
                    && p.click == click
                    && p.sends == sends
                    && Arrays.equals(p.hourOdds, hourOdds);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(open) * 31 + Arrays.hashCode(hourOdds);
        }

        @Override
        public String toString() {
            return "Population[" + encode() + "]";
        }

        /**
         * Counts past sends whose outcome is known at {@code asOf} (sent at least 72 h before it):
         * opens and clicks within 72 h, by the local hour of the send. Not thread-safe: one per
         * thread, then {@link #merge}.
         */
        public static final class Accumulator {

            private final Instant asOf;
            private final long[] sendsByHour = new long[24];
            private final long[] opensByHour = new long[24];
            private long clicks;

            public Accumulator(Instant asOf) {
                this.asOf = asOf;
            }

            public void add(ContactTimeline timeline) {
                ZoneRules zone = timeline.timeZone().getRules();
                Instant labelled = asOf.minus(WINDOW);
                for (PastSend send : timeline.sends()) {
                    if (send.sentAt().isAfter(labelled)) {
                        continue;
                    }
                    int hour = localHour(zone, send.sentAt());
                    sendsByHour[hour]++;
                    if (within(send.sentAt(), send.openedAt())) {
                        opensByHour[hour]++;
                    }
                    if (within(send.sentAt(), send.clickedAt())) {
                        clicks++;
                    }
                }
            }

            public void merge(Accumulator other) {
                for (int h = 0; h < 24; h++) {
                    sendsByHour[h] += other.sendsByHour[h];
                    opensByHour[h] += other.opensByHour[h];
                }
                clicks += other.clicks;
            }

            /** The population, or {@link #PRIOR} when no send has a known outcome. */
            public Population build() {
                return of(sendsByHour, opensByHour, clicks);
            }

            private static boolean within(Instant sentAt, Instant outcome) {
                return outcome != null && !outcome.isBefore(sentAt) && !outcome.isAfter(sentAt.plus(WINDOW));
            }
        }

        /**
         * The population of counted sends (by the local hour of the send), their opens within 72 h
         * (same hours) and clicks within 72 h, or {@link #PRIOR} when there is no send: what {@link
         * Accumulator} counts, for a caller that counted them itself (the trainer, by day).
         */
        public static Population of(long[] sendsByHour, long[] opensByHour, long clicks) {
            long sends = Arrays.stream(sendsByHour).sum();
            long opens = Arrays.stream(opensByHour).sum();
            if (sends == 0) {
                return PRIOR;
            }
            // shrunk towards the prior: a new install's few sends (a test campaign nobody opened) must
            // not set everyone's probability to nothing; a real population's sends outweigh it at once
            double open = Math.clamp(
                    (opens + PRIOR_WEIGHT_SENDS * PRIOR.open) / (sends + PRIOR_WEIGHT_SENDS), 1e-4, 1 - 1e-4);
            double click = Math.clamp(
                    (clicks + PRIOR_WEIGHT_SENDS * PRIOR.click) / (sends + PRIOR_WEIGHT_SENDS), 1e-4, 1 - 1e-4);
            double[] odds = new double[24];
            for (int h = 0; h < 24; h++) {
                double rate = (opensByHour[h] + HOUR_PRIOR_SENDS * open) / (sendsByHour[h] + HOUR_PRIOR_SENDS);
                odds[h] = (rate / (1 - rate)) / (open / (1 - open));
            }
            return new Population(open, click, sends, odds);
        }
    }
}
