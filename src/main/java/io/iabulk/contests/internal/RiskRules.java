package io.iabulk.contests.internal;

import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.RiskLevel;
import io.iabulk.contests.RiskSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules' risk of one referral from what is known of its referee and the referrer's other
 * recent referees (the window): each signal a strength from 0 to 1, combined by a noisy-OR of the
 * signals' weights (docs/decisions/0024). Pure: the assessor reads the facts, this weighs them.
 */
final class RiskRules {

    /** Reasons weaker than this (weight × strength) are left out of the explanation. */
    private static final double SHOWN = 0.05;

    /** A referee as the signals see it. {@code confirmedAt} is null while unconfirmed. */
    record Referee(long participantId, String email, String userAgent, Instant createdAt, Instant confirmedAt) {}

    /**
     * What is known around the referral apart from its referrer's window.
     *
     * @param flaggedInNetwork other referrals from the referee's network held for review
     * @param contestNorm the contest's average referrals per referring participant (0 when unknown)
     */
    record Context(int flaggedInNetwork, double contestNorm) {}

    /** One referee of the window with the features computed once per assessment. */
    private record Facts(
            Referee referee,
            String stem,
            boolean variant,
            double randomness,
            double fastness,
            double confirmSeconds,
            double quickLimit) {

        /** Confirmed within six times the fast-confirmation threshold (3 minutes by default). */
        boolean quick() {
            return confirmSeconds >= 0 && confirmSeconds <= quickLimit;
        }
    }

    private final ContestsProperties.Risk settings;

    RiskRules(ContestsProperties.Risk settings) {
        this.settings = settings;
    }

    /** Signal strengths of {@code current} among the window (which may or may not contain it). */
    Map<RiskSignal, Double> strengths(Referee current, List<Referee> window, Context context) {
        List<Facts> facts = new ArrayList<>(window.size() + 1);
        Facts self = facts(current);
        facts.add(self);
        for (Referee other : window) {
            if (other.participantId() != current.participantId()) {
                facts.add(facts(other));
            }
        }
        return strengths(self, facts, context);
    }

    /** Signal strengths of every referee of the window, each against the others (for re-scoring). */
    List<Map<RiskSignal, Double>> strengthsOfAll(List<Referee> window, Context context) {
        List<Facts> facts = window.stream().map(this::facts).toList();
        List<Map<RiskSignal, Double>> all = new ArrayList<>(facts.size());
        for (Facts one : facts) {
            all.add(strengths(one, facts, context));
        }
        return all;
    }

    private Map<RiskSignal, Double> strengths(Facts self, List<Facts> all, Context context) {
        Map<RiskSignal, Double> s = new EnumMap<>(RiskSignal.class);
        Referee me = self.referee();

        if (self.stem() != null && self.variant()) {
            long same = all.stream().filter(f -> self.stem().equals(f.stem())).count();
            put(s, RiskSignal.GENERATED_ADDRESSES, same >= 2 ? Math.min(1, (same - 1) / 3.0) : 0);
        }

        if (self.randomness() >= 0.5) {
            // alone little (a real name can look random), full from four of the referrer's referees
            long random = all.stream().filter(f -> f.randomness() >= 0.5).count();
            put(s, RiskSignal.RANDOM_ADDRESSES, self.randomness() * (0.15 + 0.85 * Math.min(1, (random - 1) / 3.0)));
        }

        if (me.userAgent() != null) {
            long known =
                    all.stream().filter(f -> f.referee().userAgent() != null).count();
            long same = all.stream()
                    .filter(f -> me.userAgent().equals(f.referee().userAgent()))
                    .count();
            if (same >= 3) {
                double share = (double) same / known;
                put(s, RiskSignal.SHARED_USER_AGENT, Math.min(1, (same - 2) / 3.0) * clamp((share - 0.3) / 0.4));
            }
        }
        if (RiskFeatures.automated(me.userAgent())) {
            put(s, RiskSignal.AUTOMATED_CLIENT, me.userAgent() == null ? 0.5 : 1);
        }

        double fast = 0;
        if (self.fastness() > 0) {
            long fastOnes = all.stream().filter(f -> f.fastness() > 0).count();
            // alone a quarter (a script or a quick person confirming at once is credited, with
            // everything else one signup can show: docs/decisions/0024), full from three of the
            // referrer's referees
            fast = self.fastness() * (0.25 + 0.75 * Math.min(1, (fastOnes - 1) / 2.0));
        }
        if (self.quick()) {
            // consistently quick: nearly all of the referrer's confirmed referees confirmed within
            // minutes (about one genuine person in eight does), however the seconds are spread
            long confirmed = all.stream().filter(f -> f.confirmSeconds() >= 0).count();
            long quick = all.stream().filter(Facts::quick).count();
            if (quick >= 3 && quick >= 0.8 * confirmed) {
                fast = Math.max(fast, 0.8 * Math.min(1, (quick - 2) / 3.0));
            }
        }
        put(s, RiskSignal.FAST_CONFIRMATION, fast);

        // the rhythm of the referrer's signups around this one: the 21 nearest in the window (20
        // gaps). For the newest signup these are the last 21; an earlier one re-scored later (a
        // sibling) is judged on the sequence it belongs to, as the other signals judge it on the
        // whole window, so a ring's first members rise with it once its rhythm shows. A sibling
        // is judged again each time one more signup arrives, and a few gaps of people arriving at
        // random look regular often enough: with fewer than 8 gaps around it, the sequence counts
        // only when it is clockwork (variation below 0.15, which 4 random gaps show 1 time in 200),
        // else the gaps up to it decide, as they did at its signup.
        long[] times = all.stream()
                .map(f -> f.referee().createdAt())
                .mapToLong(Instant::toEpochMilli)
                .sorted()
                .toArray();
        int at = java.util.Arrays.binarySearch(times, me.createdAt().toEpochMilli());
        int position = at >= 0 ? at : -at - 1;
        int from = Math.max(0, Math.min(position - 10, times.length - 21));
        int to = Math.min(times.length, from + 21);
        double cv = rhythm(times, from, to);
        if (to - from - 1 < 8 && to - 1 > position && !(cv < 0.15)) {
            from = Math.max(0, position - 20);
            to = position + 1;
            cv = rhythm(times, from, to);
        }
        int gaps = to - from - 1;
        if (gaps >= 4) {
            put(s, RiskSignal.REGULAR_RHYTHM, clamp((0.6 - cv) / 0.4) * Math.min(1, gaps / 8.0));
        }

        Duration growthWindow = settings.growthWindow();
        long recent = all.stream()
                .filter(f -> Math.abs(Duration.between(f.referee().createdAt(), me.createdAt())
                                .toMillis())
                        <= growthWindow.toMillis())
                .count();
        double threshold = Math.max(settings.growthMinimum(), settings.growthFactor() * context.contestNorm());
        if (recent > threshold) {
            put(s, RiskSignal.FAST_GROWTH, Math.min(1, (recent - threshold) / threshold));
        }

        if (context.flaggedInNetwork() > 0) {
            put(s, RiskSignal.FLAGGED_NETWORK, Math.min(1, context.flaggedInNetwork() / 3.0));
        }
        return s;
    }

    /** The coefficient of variation of the gaps between times[from..to), NaN below 4 gaps. */
    private static double rhythm(long[] times, int from, int to) {
        int gaps = to - from - 1;
        if (gaps < 4) {
            return Double.NaN;
        }
        long[] between = new long[gaps];
        for (int i = 0; i < gaps; i++) {
            between[i] = times[from + i + 1] - times[from + i];
        }
        return RiskFeatures.variation(between, gaps);
    }

    private Facts facts(Referee referee) {
        boolean timed = referee.confirmedAt() != null && referee.confirmedAt().isAfter(referee.createdAt());
        return new Facts(
                referee,
                RiskFeatures.stem(referee.email()),
                RiskFeatures.variant(referee.email()),
                RiskFeatures.randomness(referee.email()),
                fastness(referee),
                timed
                        ? Duration.between(referee.createdAt(), referee.confirmedAt())
                                        .toMillis()
                                / 1000.0
                        : -1,
                settings.fastConfirmation().toMillis() * 6 / 1000.0);
    }

    /** How fast the referee confirmed: 1 at a sixth of the threshold or sooner, 0 from it on. */
    private double fastness(Referee referee) {
        // a contest without confirmation stamps confirmedAt = createdAt: no confirmation to time
        if (referee.confirmedAt() == null || !referee.confirmedAt().isAfter(referee.createdAt())) {
            return 0;
        }
        double seconds =
                Duration.between(referee.createdAt(), referee.confirmedAt()).toMillis() / 1000.0;
        double limit = settings.fastConfirmation().toMillis() / 1000.0;
        double full = limit / 6;
        return seconds <= full ? 1 : seconds >= limit ? 0 : (limit - seconds) / (limit - full);
    }

    /** The noisy-OR of the strengths, its level and its reasons (strongest first). */
    ReferralRisk combine(Map<RiskSignal, Double> strengths, Double learnedScore) {
        double keep = 1;
        List<ReferralRisk.Reason> reasons = new ArrayList<>();
        for (Map.Entry<RiskSignal, Double> e : strengths.entrySet()) {
            double part = e.getKey().weight() * e.getValue();
            keep *= 1 - part;
            if (part >= SHOWN) {
                reasons.add(ReferralRisk.Reason.of(e.getKey(), round(e.getValue())));
            }
        }
        reasons.sort(Comparator.comparingDouble(
                        (ReferralRisk.Reason r) -> -RiskSignal.valueOf(r.code()).weight() * r.strength())
                .thenComparing(ReferralRisk.Reason::code));
        double score = round(Objects.requireNonNullElse(learnedScore, 1 - keep));
        return new ReferralRisk(score, level(score), reasons);
    }

    RiskLevel level(double score) {
        return score >= settings.high()
                ? RiskLevel.HIGH
                : score >= settings.medium() ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    private static void put(Map<RiskSignal, Double> s, RiskSignal signal, double strength) {
        if (strength > 0) {
            s.put(signal, Math.min(1, strength));
        }
    }

    private static double clamp(double x) {
        return Math.max(0, Math.min(1, x));
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
