package io.iabulk.analytics.web;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.internal.JdbcRollups;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live stream: one ticker reads the current minute's counts per type once a second (one
 * query, whatever the number of subscribers) and sends the same update to every subscriber. A
 * subscriber that has not taken the previous update yet skips this one, so a slow client never
 * holds up the others. Streams end when the client goes away, after {@link #MAX_STREAM} (clients
 * reconnect), and at shutdown.
 */
@Component
class LiveStreams implements SmartLifecycle {

    static final Duration MAX_STREAM = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /**
     * One update.
     *
     * @param at when it was made
     * @param minuteStart the current minute
     * @param minute counts per type in the current minute, over all contests and campaigns
     * @param lastSecond how much each type's minute count grew since the previous update
     */
    record Update(Instant at, Instant minuteStart, Map<String, Long> minute, Map<String, Long> lastSecond) {}

    private record Subscriber(SseEmitter emitter, AtomicBoolean busy) {}

    private final JdbcRollups rollups;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration period;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService ticker;
    private Instant previousMinute;
    private Map<String, Long> previous = Map.of();

    LiveStreams(JdbcRollups rollups, JsonMapper json, Clock clock, AnalyticsProperties properties) {
        this.rollups = rollups;
        this.json = json;
        this.clock = clock;
        this.period = properties.livePeriod();
    }

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        Subscriber subscriber = new Subscriber(emitter, new AtomicBoolean());
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> {
            subscribers.remove(subscriber);
            emitter.complete();
        });
        emitter.onError(e -> subscribers.remove(subscriber));
        if (ticker == null) {
            emitter.complete();
        } else {
            subscribers.add(subscriber);
        }
        return emitter;
    }

    /** How many streams are open. */
    int subscribers() {
        return subscribers.size();
    }

    /** Makes one update and hands it to every subscriber (the ticker calls it every period). */
    void runOnce() {
        if (subscribers.isEmpty()) {
            previous = Map.of();
            return;
        }
        Instant now = clock.instant();
        Instant minute = Granularity.MINUTE.bucketOf(now);
        Map<String, Long> counts = rollups.minute(minute);
        Map<String, Long> grown = new LinkedHashMap<>();
        counts.forEach((type, n) -> {
            long before = minute.equals(previousMinute) ? previous.getOrDefault(type, 0L) : 0L;
            if (n > before) {
                grown.put(type, n - before);
            }
        });
        previousMinute = minute;
        previous = counts;
        String data = json.writeValueAsString(new Update(now, minute, counts, grown));
        for (Subscriber subscriber : subscribers) {
            if (subscriber.busy().compareAndSet(false, true)) {
                Thread.ofVirtual().name("analytics-live-send").start(() -> send(subscriber, data));
            }
        }
    }

    private void send(Subscriber subscriber, String data) {
        try {
            subscriber.emitter().send(SseEmitter.event().name("update").data(data, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // the client went away or the stream ended: forget it
            subscribers.remove(subscriber);
        } finally {
            subscriber.busy().set(false);
        }
    }

    private void tick() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Live analytics update failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (ticker == null) {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("analytics-live").daemon().factory());
            executor.scheduleAtFixedRate(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
            ticker = executor;
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService executor = ticker;
        ticker = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        for (Subscriber subscriber : subscribers) {
            subscriber.emitter().complete();
        }
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
