package io.iabulk.intelligence.learning;

import java.util.List;

/**
 * The features of a send to a contact at time {@code t}, from what was known before {@code t} only
 * (docs/decisions/0019, "Features"): a past send counts from its send time, its open from the open's
 * time, its click from the click's, its outcome (opened within 72 h or not) from the moment it was
 * known. Decays and ages are measured from the start of {@code t}'s (UTC) day, so the contact-level
 * values are the same for every hour of a day and a week of send times needs eight computations of
 * them, not 168; the events counted are still exactly those before {@code t}.
 *
 * <p>The first {@link #TIME_FEATURES} features depend on the hour of the send; the others on the
 * contact's history and the day only.
 */
final class Features {

    static final List<String> NAMES = List.of(
            "send.localHour",
            "hour.openAffinity",
            "hour.openAffinitySameDayType",
            "hour.sendHourOpenRate",
            "send.dayOfWeek",
            "send.sendsInLast72h",
            "day.dayTypeOpenRate",
            "day.openDayAffinity",
            "contact.tenureDays",
            "contact.domainClass",
            "contests.confirmed",
            "contests.referrals",
            "sends.decayed7",
            "sends.decayed30",
            "sends.decayed90",
            "opens.decayed7",
            "opens.decayed30",
            "opens.decayed90",
            "clicks.decayed30",
            "clicks.decayed90",
            "recency.daysSinceSend",
            "recency.daysSinceOpen",
            "recency.daysSinceClick",
            "rate.open30",
            "rate.open90",
            "rate.openAll",
            "rate.click90",
            "rate.clickPerOpen90",
            "negative.bounces30",
            "negative.complaints",
            "negative.unsubscribes");

    static final int COUNT = NAMES.size();

    /** The features that change from one hour of a local day to the next: they come first. */
    static final int HOUR_FEATURES = 4;

    /** The features of the send itself (its hour and its day): the first 8. */
    static final int TIME_FEATURES = 8;

    /** Half-lives in days: 90, 30 (= 90 / 3) and 7.5 (= 30 / 4), so one exp gives all three. */
    static final double LONG_HALF_LIFE_DAYS = 90;

    /** Tenure is capped: beyond a year it says nothing more, and uncapped it grows with the calendar. */
    static final double MAX_TENURE_DAYS = 365;

    /** Weight of the population in a contact's rate, in sends; in a contact's hour and day shares, in opens. */
    static final double PRIOR_SENDS = 2;

    static final double PRIOR_OPENS = 4;

    /** Recency of an event that never happened, in days. */
    static final double NEVER_DAYS = 3650;

    /** Width (sd) of the circular kernel over the hours of the day, in hours. */
    static final double HOUR_KERNEL_SD = 1.5;

    /** Kernel weights by distance in hours (0 … 12), summing to 1 over the 24 hours. */
    static final double[] HOUR_KERNEL_SHARE = kernel(true);

    /** Kernel weights by distance in hours, 1 at distance 0 (an effective count of sends). */
    static final double[] HOUR_KERNEL_COUNT = kernel(false);

    private static final double DAY = 86400;
    private static final double DECAY = Math.log(2) / LONG_HALF_LIFE_DAYS;

    private Features() {}

    /** The values of a contact's history at a send time that are the same for every hour of its day. */
    static final class ContactState {
        final long day;
        final int events;
        final float[] values = new float[COUNT - TIME_FEATURES];
        final HourState hours;

        ContactState(long day, int events, HourState hours) {
            this.day = day;
            this.events = events;
            this.hours = hours;
        }
    }

    /** The hour and day profile of a contact's events before a time (no decay: it depends on the events only). */
    static final class HourState {
        final int events;
        final double[] affinity = new double[24];
        final double[][] affinityByDayType = new double[2][24];
        final double[] sendHourRate = new double[24];
        final double[] dayTypeRate = new double[2];
        final double[] dayAffinity = new double[7];

        HourState(int events) {
            this.events = events;
        }
    }

    /** The contact-level state at {@code t}, reusing {@code previous} when it still holds. */
    static ContactState state(ContactHistory h, PopulationStats population, long t, ContactState previous) {
        // the start of t's local day: within it the day of the week and every value but the hour's hold
        long day = t - Math.floorMod(h.local(t), 86400L);
        int events = h.eventsBefore(t);
        if (previous != null && previous.day == day && previous.events == events) {
            return previous;
        }
        HourState hours =
                previous != null && previous.hours.events == events ? previous.hours : hours(h, population, t, events);
        ContactState state = new ContactState(day, events, hours);
        contact(h, population, t, day, state.values);
        return state;
    }

    /** Writes the features of a send at {@code t} into {@code row} (from {@code offset}). */
    static void fill(ContactHistory h, ContactState state, long t, float[] row, int offset) {
        long local = h.local(t);
        int hour = ContactHistory.hourOf(local);
        int day = ContactHistory.dayOf(local);
        int dayType = day >= 5 ? 1 : 0;
        int recent = h.sentBetween(t - ContactHistory.WINDOW, t);
        HourState hours = state.hours;
        row[offset] = (float) (hour + Math.floorMod(local, 3600L) / 3600.0);
        row[offset + 1] = (float) hours.affinity[hour];
        row[offset + 2] = (float) hours.affinityByDayType[dayType][hour];
        row[offset + 3] = (float) hours.sendHourRate[hour];
        row[offset + 4] = day;
        row[offset + 5] = recent;
        row[offset + 6] = (float) hours.dayTypeRate[dayType];
        row[offset + 7] = (float) hours.dayAffinity[day];
        System.arraycopy(state.values, 0, row, offset + TIME_FEATURES, state.values.length);
    }

    private static HourState hours(ContactHistory h, PopulationStats population, long t, int events) {
        HourState s = new HourState(events);
        double[][] opensByHour = new double[2][24];
        double[] opensByDay = new double[7];
        double[] sendsByHour = new double[24];
        double[] hitsByHour = new double[24];
        double[] sendsByDayType = new double[2];
        double[] hitsByDayType = new double[2];
        double known = 0;
        double hits = 0;
        for (int i = 0; i < h.size; i++) {
            if (h.openedAt[i] < t) {
                int day = h.openDay[i];
                opensByHour[day >= 5 ? 1 : 0][h.openHour[i]]++;
                opensByDay[day]++;
            }
            if (h.openKnownAt[i] < t) {
                double hit = h.openHit[i] ? 1 : 0;
                known++;
                hits += hit;
                sendsByHour[h.sendHour[i]]++;
                hitsByHour[h.sendHour[i]] += hit;
                int dayType = h.sendDay[i] >= 5 ? 1 : 0;
                sendsByDayType[dayType]++;
                hitsByDayType[dayType] += hit;
            }
        }
        double[] all = new double[24];
        for (int b = 0; b < 24; b++) {
            all[b] = opensByHour[0][b] + opensByHour[1][b];
        }
        shareRatio(smooth(all, HOUR_KERNEL_SHARE), population.openHourShare(), s.affinity);
        for (int dayType = 0; dayType < 2; dayType++) {
            shareRatio(
                    smooth(opensByHour[dayType], HOUR_KERNEL_SHARE),
                    population.openHourShare(),
                    s.affinityByDayType[dayType]);
        }
        shareRatio(opensByDay, population.openDayShare(), s.dayAffinity);
        double rate = shrunk(hits, known, population.open());
        double[] nearSends = smooth(sendsByHour, HOUR_KERNEL_COUNT);
        double[] nearHits = smooth(hitsByHour, HOUR_KERNEL_COUNT);
        for (int b = 0; b < 24; b++) {
            s.sendHourRate[b] = logit(shrunk(nearHits[b], nearSends[b], rate)) - logit(rate);
        }
        for (int dayType = 0; dayType < 2; dayType++) {
            s.dayTypeRate[dayType] = logit(shrunk(hitsByDayType[dayType], sendsByDayType[dayType], rate)) - logit(rate);
        }
        return s;
    }

    private static void contact(ContactHistory h, PopulationStats population, long t, long day, float[] v) {
        double[] sendsDecayed = new double[3];
        double[] opensDecayed = new double[3];
        double[] clicksDecayed = new double[3];
        long lastSend = ContactHistory.NONE;
        long lastOpen = ContactHistory.NONE;
        long lastClick = ContactHistory.NONE;
        double known = 0;
        double hits = 0;
        double[] knownDecayed = new double[3];
        double[] hitsDecayed = new double[3];
        double clickKnown = 0;
        double clickHits = 0;
        double bounces = 0;
        int complaints = 0;
        int unsubscribes = 0;
        double[] w = new double[3];
        for (int i = 0; i < h.size; i++) {
            long sent = h.sentAt[i];
            if (sent >= t) {
                break; // sorted by send time: its events, and those of later sends, come after t
            }
            weights(day, sent, w);
            add(sendsDecayed, w, 1);
            lastSend = sent;
            if (h.openKnownAt[i] < t) {
                double hit = h.openHit[i] ? 1 : 0;
                known++;
                hits += hit;
                add(knownDecayed, w, 1);
                add(hitsDecayed, w, hit);
            }
            if (h.clickKnownAt[i] < t) {
                clickKnown += w[0];
                clickHits += h.clickHit[i] ? w[0] : 0;
            }
            if (h.openedAt[i] < t) {
                weights(day, h.openedAt[i], w);
                add(opensDecayed, w, 1);
                lastOpen = lastOpen == ContactHistory.NONE ? h.openedAt[i] : Math.max(lastOpen, h.openedAt[i]);
            }
            if (h.clickedAt[i] < t) {
                weights(day, h.clickedAt[i], w);
                add(clicksDecayed, w, 1);
                lastClick = lastClick == ContactHistory.NONE ? h.clickedAt[i] : Math.max(lastClick, h.clickedAt[i]);
            }
            if (h.bouncedAt[i] < t) {
                weights(day, h.bouncedAt[i], w);
                bounces += w[1];
            }
            complaints += h.complainedAt[i] < t ? 1 : 0;
            unsubscribes += h.unsubscribedAt[i] < t ? 1 : 0;
        }
        boolean contests = h.contestsFrom < day;
        double clickPerOpen = population.click() / population.open();
        v[0] = (float)
                (h.joinedAt == ContactHistory.NONE
                        ? MAX_TENURE_DAYS
                        : Math.min(MAX_TENURE_DAYS, Math.max(0, day - h.joinedAt) / DAY));
        v[1] = h.domain.ordinal();
        v[2] = contests ? h.confirmed : 0;
        v[3] = contests ? h.referrals : 0;
        v[4] = (float) sendsDecayed[2];
        v[5] = (float) sendsDecayed[1];
        v[6] = (float) sendsDecayed[0];
        v[7] = (float) opensDecayed[2];
        v[8] = (float) opensDecayed[1];
        v[9] = (float) opensDecayed[0];
        v[10] = (float) clicksDecayed[1];
        v[11] = (float) clicksDecayed[0];
        v[12] = (float) days(day, lastSend);
        v[13] = (float) days(day, lastOpen);
        v[14] = (float) days(day, lastClick);
        v[15] = (float) shrunk(hitsDecayed[1], knownDecayed[1], population.open());
        v[16] = (float) shrunk(hitsDecayed[0], knownDecayed[0], population.open());
        v[17] = (float) shrunk(hits, known, population.open());
        v[18] = (float) shrunk(clickHits, clickKnown, population.click());
        v[19] = (float) shrunk(clicksDecayed[0], opensDecayed[0], clickPerOpen);
        v[20] = (float) bounces;
        v[21] = complaints;
        v[22] = unsubscribes;
    }

    /** Decay weights of an event at {@code at} seen from {@code day}: half-lives 90, 30 and 7.5 days. */
    private static void weights(long day, long at, double[] w) {
        double age = Math.max(0, day - at) / DAY;
        double w90 = Math.exp(-DECAY * age);
        double w30 = w90 * w90 * w90;
        double w15 = w30 * w30;
        w[0] = w90;
        w[1] = w30;
        w[2] = w15 * w15;
    }

    private static void add(double[] sums, double[] w, double times) {
        for (int k = 0; k < 3; k++) {
            sums[k] += w[k] * times;
        }
    }

    private static double days(long day, long at) {
        return at == ContactHistory.NONE ? NEVER_DAYS : Math.max(0, day - at) / DAY;
    }

    static double shrunk(double hits, double count, double prior) {
        return Math.clamp((hits + PRIOR_SENDS * prior) / (count + PRIOR_SENDS), 1e-4, 1 - 1e-4);
    }

    static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** log of the contact's share (shrunk towards the population's by a few opens) over the population's. */
    private static void shareRatio(double[] counts, double[] population, double[] into) {
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        for (int b = 0; b < counts.length; b++) {
            double share = (counts[b] + PRIOR_OPENS * population[b]) / (total + PRIOR_OPENS);
            into[b] = Math.log(share / population[b]);
        }
    }

    /** Circular smoothing of 24 hourly values with a kernel given by distance. */
    static double[] smooth(double[] values, double[] kernel) {
        double[] out = new double[24];
        for (int b = 0; b < 24; b++) {
            if (values[b] == 0) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                int d = Math.abs(h - b);
                out[h] += values[b] * kernel[Math.min(d, 24 - d)];
            }
        }
        return out;
    }

    private static double[] kernel(boolean share) {
        double[] k = new double[13];
        double sum = 0;
        for (int d = 0; d <= 12; d++) {
            k[d] = Math.exp(-d * d / (2 * HOUR_KERNEL_SD * HOUR_KERNEL_SD));
            sum += d == 0 || d == 12 ? k[d] : 2 * k[d];
        }
        if (share) {
            for (int d = 0; d <= 12; d++) {
                k[d] /= sum;
            }
        }
        return k;
    }
}
