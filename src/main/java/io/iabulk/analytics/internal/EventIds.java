package io.iabulk.analytics.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Event ids made by the server for events sent without one: UUID version 7 (RFC 9562), so they sort
 * by the time they were made; 74 random bits keep ids made in the same millisecond apart.
 */
public final class EventIds {

    private EventIds() {}

    public static String next(Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = now.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
