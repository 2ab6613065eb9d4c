package io.iabulk.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The integration tests' clock (the application's {@link Clock} bean): the system clock until a
 * test steps it. A test moves it on ({@link #advance}) to step through windows and expiries without
 * sleeping, or pins it ({@link #pin}) to make the current minute or day certain; it gives time back
 * with {@link #reset} when it ends. The background loops of the shared context see the same time,
 * so a test steps it by seconds, not by hours.
 */
public final class MutableClock extends Clock {

    /** Either an offset from the system clock, or a pinned instant. */
    private record Setting(Duration offset, Instant pinned) {

        Instant instant() {
            return pinned != null ? pinned : Instant.now().plus(offset);
        }
    }

    private static final Setting SYSTEM = new Setting(Duration.ZERO, null);

    private final AtomicReference<Setting> setting;
    private final ZoneId zone;

    public MutableClock() {
        this(new AtomicReference<>(SYSTEM), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Setting> setting, ZoneId zone) {
        this.setting = setting;
        this.zone = zone;
    }

    @Override
    public Instant instant() {
        return setting.get().instant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same clock (stepped together) in another zone. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(setting, zone);
    }

    /** Moves the clock on (or back, for a negative step); a pinned clock stays pinned. */
    public void advance(Duration step) {
        setting.updateAndGet(s -> s.pinned() != null
                ? new Setting(Duration.ZERO, s.pinned().plus(step))
                : new Setting(s.offset().plus(step), null));
    }

    /** Stops the clock at this instant until it is advanced or reset. */
    public void pin(Instant instant) {
        setting.set(new Setting(Duration.ZERO, instant));
    }

    /** Back to the system clock. */
    public void reset() {
        setting.set(SYSTEM);
    }
}
