package io.iabulk.intelligence.predictions;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A contact's predicted P(open) and P(click) for a send during each of the 168 hours of the week
 * that follows a scoring: slot {@code k} is the hour that starts {@code k} hours after the start of
 * the (UTC) hour of {@code computedAt}, predicted for a send at its middle (so a send at 09:10 and at
 * 09:50 get one answer, and each slot is one local hour in every zone whose offset is whole hours;
 * in a half-hour zone a slot straddles two local hours and is named by its middle). Stored as 672 bytes
 * (each probability as an unsigned 16-bit fraction of 65,535, open slots then click slots), so a
 * request for any send time in that week reads one row instead of the contact's history
 * (docs/decisions/0019, "Predictions").
 */
final class HourProfile {

    static final int HOURS = 168;
    static final Duration SLOT = Duration.ofHours(1);
    private static final double SCALE = 65_535.0;

    private final byte[] bytes;

    private HourProfile(byte[] bytes) {
        this.bytes = bytes;
    }

    static HourProfile of(double[] open, double[] click) {
        if (open.length != HOURS || click.length != HOURS) {
            throw new IllegalArgumentException("A profile holds " + HOURS + " hours");
        }
        byte[] bytes = new byte[HOURS * 4];
        for (int k = 0; k < HOURS; k++) {
            put(bytes, k, open[k]);
            put(bytes, HOURS + k, click[k]);
        }
        return new HourProfile(bytes);
    }

    static HourProfile decode(byte[] bytes) {
        if (bytes == null || bytes.length != HOURS * 4) {
            throw new IllegalArgumentException("A stored profile has " + HOURS * 4 + " bytes");
        }
        return new HourProfile(bytes);
    }

    byte[] bytes() {
        return bytes;
    }

    double open(int slot) {
        return get(slot);
    }

    double click(int slot) {
        return get(HOURS + slot);
    }

    /** The slot of a send at {@code at} in the week stored at {@code computedAt}, or -1 outside it. */
    static int slot(Instant computedAt, Instant at) {
        Instant start = start(computedAt);
        if (at.isBefore(start)) {
            return -1;
        }
        long hours = Duration.between(start, at).toHours();
        return hours < HOURS ? (int) hours : -1;
    }

    /** The send times the slots of a week computed at {@code computedAt} are predicted for. */
    static List<Instant> sendTimes(Instant computedAt) {
        List<Instant> times = new ArrayList<>(HOURS);
        for (int k = 0; k < HOURS; k++) {
            times.add(sendTime(computedAt, k));
        }
        return times;
    }

    /** The middle of slot {@code k}. */
    static Instant sendTime(Instant computedAt, int k) {
        return start(computedAt).plus(SLOT.multipliedBy(k)).plus(SLOT.dividedBy(2));
    }

    private static Instant start(Instant computedAt) {
        return computedAt.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * The {@code n} hours of the week with the highest P(open), best first, as the contact's local
     * day and hour (each day and hour occurs once in the week; on the day clocks change, a local
     * hour may occur twice or not at all). Ties go to the earlier slot.
     */
    List<BestHour> best(Instant computedAt, ZoneId zone, int n) {
        int[] top = new int[n];
        int found = 0;
        for (int k = 0; k < HOURS; k++) {
            int v = raw(k);
            if (found == n && raw(top[n - 1]) >= v) {
                continue;
            }
            int at = found < n ? found : n - 1;
            while (at > 0 && raw(top[at - 1]) < v) {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = k;
            found = Math.min(found + 1, n);
        }
        List<BestHour> best = new ArrayList<>(found);
        for (int i = 0; i < found; i++) {
            ZonedDateTime local = sendTime(computedAt, top[i]).atZone(zone);
            best.add(new BestHour(local.getDayOfWeek(), local.getHour(), Predictions.round(open(top[i]))));
        }
        return best;
    }

    private static void put(byte[] bytes, int index, double p) {
        int v = (int) Math.round(Math.clamp(p, 0.0, 1.0) * SCALE);
        bytes[2 * index] = (byte) (v >>> 8);
        bytes[2 * index + 1] = (byte) v;
    }

    private int raw(int index) {
        return ((bytes[2 * index] & 0xff) << 8) | (bytes[2 * index + 1] & 0xff);
    }

    private double get(int index) {
        return raw(index) / SCALE;
    }
}
