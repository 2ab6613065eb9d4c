package io.iabulk.tracking.internal;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Time-ordered event ids (UUID version 7): the millisecond, then random bits. */
final class EventIds {

    private EventIds() {}

    static String next(Instant at) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (at.toEpochMilli() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
