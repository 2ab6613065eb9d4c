package io.iabulk.tracking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The burst rule: clicks on every link of a message within the window of its first click are
 * machine traffic (a link scanner opening them all), all of them. A send's clicks are cut into
 * windows: one starts at the first click, the next at the first click after it ends, and so on
 * (a scanner coming back later is recognised again). A message with one link cannot be told
 * apart from a person clicking it, so it is never a burst.
 */
public final class BurstWindows {

    /** The clicks of one window and whether they were a burst. */
    public record Window(List<HeldClick> clicks, boolean burst) {}

    private BurstWindows() {}

    /**
     * The windows of one send's held clicks (in time order) that have ended by {@code due}; the
     * clicks of a window still open are not returned.
     */
    public static List<Window> complete(List<HeldClick> clicks, Duration window, Instant due) {
        List<Window> done = new ArrayList<>();
        int i = 0;
        while (i < clicks.size()) {
            Instant end = clicks.get(i).at().plus(window);
            if (end.isAfter(due)) {
                break;
            }
            List<HeldClick> members = new ArrayList<>();
            BitSet links = new BitSet();
            int linkCount = 0;
            while (i < clicks.size() && !clicks.get(i).at().isAfter(end)) {
                HeldClick click = clicks.get(i++);
                members.add(click);
                links.set(click.linkIndex());
                linkCount = Math.max(linkCount, click.linkCount());
            }
            done.add(new Window(members, linkCount > 1 && links.cardinality() >= linkCount));
        }
        return done;
    }
}
