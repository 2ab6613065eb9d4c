package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.predictions.BaselinePredictor.Population;
import java.util.Map;
import java.util.TreeMap;

/**
 * The first pass of a training run: the labelled sends counted by UTC day of sending, with what
 * the population statistics need. Day buckets let the split (known only at the end of the pass)
 * choose which days train, and make the statistics of the training part exact, since every cut-off
 * falls on a day boundary.
 */
final class DayCounts {

    private static final int SENDS = 0;
    private static final int OPENS = 1;
    private static final int CLICKS = 2;
    private static final int SENDS_BY_SEND_HOUR = 3;
    private static final int OPENS_BY_SEND_HOUR = SENDS_BY_SEND_HOUR + 24;
    private static final int OPENS_BY_OPEN_HOUR = OPENS_BY_SEND_HOUR + 24;
    private static final int OPENS_BY_OPEN_DAY = OPENS_BY_OPEN_HOUR + 24;
    private static final int WIDTH = OPENS_BY_OPEN_DAY + 7;

    private final Map<Long, long[]> days = new TreeMap<>();
    private final long labelledUntil;
    long examples;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;

    /** @param labelledUntil the latest send time whose 72 h window had closed (epoch seconds) */
    DayCounts(long labelledUntil) {
        this.labelledUntil = labelledUntil;
    }

    void add(ContactHistory h) {
        for (int i = 0; i < h.size; i++) {
            long sent = h.sentAt[i];
            if (sent > labelledUntil) {
                continue;
            }
            long[] c = days.computeIfAbsent(Math.floorDiv(sent, 86400L), d -> new long[WIDTH]);
            examples++;
            first = Math.min(first, sent);
            last = Math.max(last, sent);
            c[SENDS]++;
            c[SENDS_BY_SEND_HOUR + h.sendHour[i]]++;
            if (h.openHit[i]) {
                c[OPENS]++;
                c[OPENS_BY_SEND_HOUR + h.sendHour[i]]++;
                c[OPENS_BY_OPEN_HOUR + h.openHour[i]]++;
                c[OPENS_BY_OPEN_DAY + h.openDay[i]]++;
            }
            if (h.clickHit[i]) {
                c[CLICKS]++;
            }
        }
    }

    /** Sends and opens sent in [fromDay, untilDay). */
    long[] sendsAndOpens(long fromDay, long untilDay) {
        long[] total = new long[2];
        for (Map.Entry<Long, long[]> e : days.entrySet()) {
            if (e.getKey() >= fromDay && e.getKey() < untilDay) {
                total[0] += e.getValue()[SENDS];
                total[1] += e.getValue()[OPENS];
            }
        }
        return total;
    }

    private long[] sum(long fromDay, long untilDay) {
        long[] total = new long[WIDTH];
        for (Map.Entry<Long, long[]> e : days.entrySet()) {
            if (e.getKey() >= fromDay && e.getKey() < untilDay) {
                for (int k = 0; k < WIDTH; k++) {
                    total[k] += e.getValue()[k];
                }
            }
        }
        return total;
    }

    /** The features' population statistics of the sends in [fromDay, untilDay). */
    PopulationStats stats(long fromDay, long untilDay) {
        long[] c = sum(fromDay, untilDay);
        return PopulationStats.of(
                c[SENDS], c[OPENS], c[CLICKS], slice(c, OPENS_BY_OPEN_HOUR, 24), slice(c, OPENS_BY_OPEN_DAY, 7));
    }

    /** The baseline's population of the same sends. */
    Population baseline(long fromDay, long untilDay) {
        long[] c = sum(fromDay, untilDay);
        return Population.of(slice(c, SENDS_BY_SEND_HOUR, 24), slice(c, OPENS_BY_SEND_HOUR, 24), c[CLICKS]);
    }

    private static long[] slice(long[] c, int from, int n) {
        long[] part = new long[n];
        System.arraycopy(c, from, part, 0, n);
        return part;
    }
}
