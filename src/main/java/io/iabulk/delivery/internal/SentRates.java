package io.iabulk.delivery.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The send rate of each campaign, from successive readings of its SENT count over a sliding window
 * (each progress read is a reading), so every instance that serves progress measures it the same.
 */
@Component
public class SentRates {

    static final Duration WINDOW = Duration.ofSeconds(10);

    private record Reading(Instant at, long sent) {}

    private final Map<Long, Deque<Reading>> readings = new ConcurrentHashMap<>();

    /** Records a reading and returns messages per second over the window (0 until it has two). */
    public double observe(long campaignId, long sent, Instant now) {
        Deque<Reading> deque = readings.computeIfAbsent(campaignId, id -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addLast(new Reading(now, sent));
            while (deque.size() > 2 && deque.getFirst().at().isBefore(now.minus(WINDOW))) {
                deque.removeFirst();
            }
            Reading oldest = deque.getFirst();
            long millis = Duration.between(oldest.at(), now).toMillis();
            if (millis < 200 || sent < oldest.sent()) {
                return 0;
            }
            return (sent - oldest.sent()) * 1000.0 / millis;
        }
    }
}
