package io.iabulk.intelligence.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * One simulated person: what the contact file says about them and the latent traits that decide
 * their true probabilities. {@link #openLogit} is the whole truth of the simulated world: P(human
 * open within 72 h of a send at {@code t}) = sigmoid(openLogit), P(click within 72 h) = that times
 * sigmoid({@link #clickLogit} + the campaign's click appeal).
 *
 * @param declaredZone the time zone of the contact file (null: none; may be wrong)
 * @param driftStart the instant of {@code drift[0]}; the drift is sampled once a day
 * @param dormantAt when the person starts to go dormant (null: never)
 * @param abandonedAt when the mailbox stops existing (sends bounce from then on; null: never)
 */
record Person(
        int index,
        String email,
        String firstName,
        String lastName,
        String locale,
        DomainClass domainClass,
        ZoneId trueZone,
        String declaredZone,
        Instant joinedAt,
        boolean newlyJoined,
        double level,
        Instant driftStart,
        float[] drift,
        Instant dormantAt,
        double dormancyDrop,
        double peakHour,
        double width,
        double amplitude,
        double meanBump,
        double weekendShift,
        double weekendEffect,
        double promptness,
        double clickLogit,
        boolean badAddress,
        Instant abandonedAt) {

    enum DomainClass {
        WEBMAIL,
        LOCAL_ISP,
        CORPORATE,
        EDU
    }

    /** The constants of the world that are the same for everyone. */
    record World(double honeymoonLogit, double honeymoonDays, double dormancyRampDays, double fatiguePerRecentSend) {}

    /** The open logit of a send at {@code t}, after {@code recentSends} sends in the 72 h before it. */
    double openLogit(World world, Instant t, int recentSends, double appeal) {
        return stateLogit(world, t) + timeLogit(t) + world.fatiguePerRecentSend() * recentSends + appeal;
    }

    /** The part that changes slowly: level, drift, dormancy, honeymoon. */
    double stateLogit(World world, Instant t) {
        double logit = level + drift(t);
        if (dormantAt != null && t.isAfter(dormantAt)) {
            double days = Duration.between(dormantAt, t).toSeconds() / 86400.0;
            logit -= dormancyDrop * Math.min(1, days / world.dormancyRampDays());
        }
        if (newlyJoined && t.isAfter(joinedAt)) {
            double days = Duration.between(joinedAt, t).toSeconds() / 86400.0;
            logit += world.honeymoonLogit() * Math.exp(-days / world.honeymoonDays());
        }
        return logit;
    }

    /** The part that depends on the local time of the send: hour of day and weekend. */
    double timeLogit(Instant t) {
        ZonedDateTime local = t.atZone(trueZone);
        boolean weekend = isWeekend(local.getDayOfWeek());
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double bump = bump(hour, peak(weekend));
        return amplitude * (bump - meanBump) / (1 - meanBump) + (weekend ? weekendEffect : 0);
    }

    /** The preferred local hour on a weekday or a weekend day. */
    double peak(boolean weekend) {
        return weekend ? (peakHour + weekendShift) % 24 : peakHour;
    }

    double bump(double hour, double peak) {
        double d = Math.abs(hour - peak) % 24;
        d = Math.min(d, 24 - d);
        return Math.exp(-d * d / (2 * width * width));
    }

    /** The average of the bump over a day, so that {@link #amplitude} is peak minus mean. */
    static double meanBump(double width) {
        double sum = 0;
        int steps = 288;
        for (int i = 0; i < steps; i++) {
            double d = Math.min(i * 24.0 / steps, 24 - i * 24.0 / steps);
            sum += Math.exp(-d * d / (2 * width * width));
        }
        return sum / steps;
    }

    double drift(Instant t) {
        double days = Duration.between(driftStart, t).toSeconds() / 86400.0;
        if (days <= 0) {
            return drift[0];
        }
        int i = (int) days;
        if (i >= drift.length - 1) {
            return drift[drift.length - 1];
        }
        double f = days - i;
        return drift[i] * (1 - f) + drift[i + 1] * f;
    }

    static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
