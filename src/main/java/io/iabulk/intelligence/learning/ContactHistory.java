package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.PastSend;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A timeline prepared once for computing features at many send times: every event as epoch seconds
 * with its local hour and day of week (the contact's zone) worked out once. {@link #NONE} (a long
 * in the future) stands for an event that did not happen.
 */
final class ContactHistory {

    static final long NONE = Long.MAX_VALUE;
    static final long WINDOW = 72 * 3600;

    final int size;
    final long[] sentAt;
    final long[] openedAt;
    final long[] clickedAt;
    /** When the send's open outcome became known: its open within 72 h, else 72 h after it. */
    final long[] openKnownAt;

    final boolean[] openHit;
    /** Likewise for the click outcome. */
    final long[] clickKnownAt;

    final boolean[] clickHit;
    final long[] bouncedAt;
    final long[] complainedAt;
    final long[] unsubscribedAt;
    final byte[] sendHour;
    final byte[] sendDay;
    final byte[] openHour;
    final byte[] openDay;
    /**
     * Every event time above (outcomes becoming known and sends leaving the 72 h fatigue window
     * included), sorted: how many happened before a time says whether the state changed.
     */
    final long[] events;

    final long joinedAt;
    final long contestsFrom;
    final int confirmed;
    final int referrals;
    final DomainClass domain;
    final ZoneRules zone;

    private int offset;
    private long offsetFrom = Long.MAX_VALUE;
    private long offsetUntil = Long.MIN_VALUE;

    ContactHistory(ContactTimeline timeline) {
        List<PastSend> sends = timeline.sends();
        if (!oldestFirst(sends)) {
            sends = sends.stream()
                    .sorted(Comparator.comparing(PastSend::sentAt))
                    .toList();
        }
        size = sends.size();
        sentAt = new long[size];
        openedAt = new long[size];
        clickedAt = new long[size];
        openKnownAt = new long[size];
        openHit = new boolean[size];
        clickKnownAt = new long[size];
        clickHit = new boolean[size];
        bouncedAt = new long[size];
        complainedAt = new long[size];
        unsubscribedAt = new long[size];
        sendHour = new byte[size];
        sendDay = new byte[size];
        openHour = new byte[size];
        openDay = new byte[size];
        zone = timeline.timeZone().getRules();
        long[] all = new long[size * 9];
        int n = 0;
        for (int i = 0; i < size; i++) {
            PastSend send = sends.get(i);
            long sent = send.sentAt().getEpochSecond();
            sentAt[i] = sent;
            openedAt[i] = seconds(send.openedAt());
            clickedAt[i] = seconds(send.clickedAt());
            bouncedAt[i] = seconds(send.bouncedAt());
            complainedAt[i] = seconds(send.complainedAt());
            unsubscribedAt[i] = seconds(send.unsubscribedAt());
            openHit[i] = openedAt[i] >= sent && openedAt[i] <= sent + WINDOW;
            openKnownAt[i] = openHit[i] ? openedAt[i] : sent + WINDOW;
            clickHit[i] = clickedAt[i] >= sent && clickedAt[i] <= sent + WINDOW;
            clickKnownAt[i] = clickHit[i] ? clickedAt[i] : sent + WINDOW;
            long local = local(sent);
            sendHour[i] = (byte) hourOf(local);
            sendDay[i] = (byte) dayOf(local);
            if (openedAt[i] != NONE) {
                long localOpen = local(openedAt[i]);
                openHour[i] = (byte) hourOf(localOpen);
                openDay[i] = (byte) dayOf(localOpen);
            }
            all[n++] = sent;
            all[n++] = sent + WINDOW;
            n = addIfAny(all, n, openedAt[i]);
            n = addIfAny(all, n, clickedAt[i]);
            n = addIfAny(all, n, openKnownAt[i]);
            n = addIfAny(all, n, clickKnownAt[i]);
            n = addIfAny(all, n, bouncedAt[i]);
            n = addIfAny(all, n, complainedAt[i]);
            n = addIfAny(all, n, unsubscribedAt[i]);
        }
        events = Arrays.copyOf(all, n);
        Arrays.sort(events);
        joinedAt = timeline.joinedAt() == null ? NONE : timeline.joinedAt().getEpochSecond();
        ContactTimeline.ContestFacts contests =
                timeline.contests() == null ? ContactTimeline.ContestFacts.NONE : timeline.contests();
        contestsFrom = seconds(contests.firstConfirmedAt());
        confirmed = contests.confirmedParticipations();
        referrals = contests.referrals();
        domain = DomainClass.of(timeline.email());
    }

    private static int addIfAny(long[] all, int n, long t) {
        if (t != NONE) {
            all[n++] = t;
        }
        return n;
    }

    private static boolean oldestFirst(List<PastSend> sends) {
        for (int i = 1; i < sends.size(); i++) {
            if (sends.get(i).sentAt().isBefore(sends.get(i - 1).sentAt())) {
                return false;
            }
        }
        return true;
    }

    /** How many events happened strictly before {@code t}. */
    int eventsBefore(long t) {
        return countBefore(events, t);
    }

    /** How many sends were sent in [from, t). */
    int sentBetween(long from, long t) {
        return countBefore(sentAt, t) - countBefore(sentAt, from);
    }

    /** How many values of a sorted array are strictly below {@code t}. */
    static int countBefore(long[] sorted, long t) {
        int high = sorted.length;
        if (high == 0 || sorted[high - 1] < t) {
            return high; // every value is before t: the common case when scoring the coming week
        }
        int low = 0;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < t) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Seconds since the epoch in the contact's local time (its zone's offset at {@code t}). */
    long local(long t) {
        if (t < offsetFrom || t >= offsetUntil) {
            Instant at = Instant.ofEpochSecond(t);
            offset = zone.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition previous = zone.previousTransition(at.plusSeconds(1));
            ZoneOffsetTransition next = zone.nextTransition(at);
            offsetFrom =
                    previous == null ? Long.MIN_VALUE : previous.getInstant().getEpochSecond();
            offsetUntil = next == null ? Long.MAX_VALUE : next.getInstant().getEpochSecond();
        }
        return t + offset;
    }

    static int hourOf(long local) {
        return (int) Math.floorMod(Math.floorDiv(local, 3600), 24);
    }

    /** Monday 0 … Sunday 6 (the epoch's day was a Thursday). */
    static int dayOf(long local) {
        return (int) Math.floorMod(Math.floorDiv(local, 86400) + 3, 7);
    }

    private static long seconds(Instant t) {
        return t == null ? NONE : t.getEpochSecond();
    }
}
