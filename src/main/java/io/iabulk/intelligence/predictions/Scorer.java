package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.PastSend;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Scores one contact as of a moment: P(open) and P(click) for a send at each hour of the week that
 * follows, their means (the contact's level, whatever hour a campaign goes out at), and whether it
 * is silent (mailed for the dormancy period without a human open or click in it).
 */
final class Scorer {

    private Scorer() {}

    /**
     * One scored contact.
     *
     * @param open mean P(open) over the week's hours
     * @param click mean P(click) over the week's hours
     * @param silent mailed for the dormancy period without a human open or click in it
     */
    record Scored(long contactId, String timeZone, double open, double click, boolean silent, HourProfile hours) {}

    /**
     * @param sendTimes {@link HourProfile#sendTimes} of {@code asOf}, computed once per run
     */
    static Scored score(
            ContactTimeline timeline,
            EngagementPredictor predictor,
            Instant asOf,
            List<Instant> sendTimes,
            Duration dormantAfter) {
        List<SendProbabilities> predicted = predictor.predict(timeline, sendTimes);
        if (predicted.size() != HourProfile.HOURS) {
            throw new IllegalStateException("The predictor answered " + predicted.size() + " of " + HourProfile.HOURS
                    + " send times for contact " + timeline.contactId());
        }
        double[] open = new double[HourProfile.HOURS];
        double[] click = new double[HourProfile.HOURS];
        double openSum = 0;
        double clickSum = 0;
        for (int k = 0; k < HourProfile.HOURS; k++) {
            SendProbabilities p = predicted.get(k);
            open[k] = finite(p.open(), timeline);
            click[k] = finite(p.click(), timeline);
            openSum += open[k];
            clickSum += click[k];
        }
        return new Scored(
                timeline.contactId(),
                zoneName(timeline.timeZone()),
                openSum / HourProfile.HOURS,
                clickSum / HourProfile.HOURS,
                silent(timeline, asOf, dormantAfter),
                HourProfile.of(open, click));
    }

    /** The zone's name; {@code UTC} for the offset {@code Z}, as the API says of a contact without a zone. */
    static String zoneName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** Mailed since at least {@code dormantAfter} ago, and no human open or click since then. */
    static boolean silent(ContactTimeline timeline, Instant asOf, Duration dormantAfter) {
        Instant since = asOf.minus(dormantAfter);
        boolean mailedBefore = false;
        for (PastSend send : timeline.sends()) {
            if (!send.sentAt().isAfter(since)) {
                mailedBefore = true;
            }
            if (engagedBetween(send.openedAt(), since, asOf) || engagedBetween(send.clickedAt(), since, asOf)) {
                return false;
            }
        }
        return mailedBefore;
    }

    private static boolean engagedBetween(Instant at, Instant since, Instant asOf) {
        return at != null && !at.isBefore(since) && at.isBefore(asOf);
    }

    private static double finite(double p, ContactTimeline timeline) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalStateException("The predictor answered " + p + " for contact " + timeline.contactId());
        }
        return p;
    }
}
