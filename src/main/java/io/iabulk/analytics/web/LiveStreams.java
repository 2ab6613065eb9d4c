package io.iabulk.analytics.web;

import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.Granularity;
import io.iabulk.analytics.internal.JdbcRollups;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * query per filter in use, whatever the number of subscribers) and sends the same update to every
 * subscriber of that filter (a contest, a campaign, both, or neither: everything). A
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
     * @param contestId the contest the counts are of (null: every contest)
     * @param campaignId the campaign the counts are of (null: every campaign)
     * @param minuteStart the current minute
     * @param minute counts per type in the current minute
     * @param lastSecond how much each type's minute count grew since the previous update
     */
    record Update(
            Instant at,
            Long contestId,
            Long campaignId,
            Instant minuteStart,
            Map<String, Long> minute,
            Map<String, Long> lastSecond) {}

    /** What a stream counts: a contest, a campaign, both, or everything (nulls). */
    record Filter(Long contestId, Long campaignId) {}

    private record Subscriber(SseEmitter emitter, Filter filter, AtomicBoolean busy) {}

    private final JdbcRollups rollups;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration period;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService ticker;
    private Instant previousMinute;
    private Map<Filter, Map<String, Long>> previous = Map.of();

    LiveStreams(JdbcRollups rollups, JsonMapper json, Clock clock, AnalyticsProperties properties) {
        this.rollups = rollups;
        this.json = json;
        this.clock = clock;
        this.period = properties.livePeriod();
    }

    SseEmitter subscribe(Filter filter) {
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        Subscriber subscriber = new Subscriber(emitter, filter, new AtomicBoolean());
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

    /** Makes one update per filter in use and hands it to its subscribers (the ticker calls it every period). */
    void runOnce() {
        if (subscribers.isEmpty()) {
            previous = Map.of();
            return;
        }
        Instant now = clock.instant();
        Instant minute = Granularity.MINUTE.bucketOf(now);
        Map<Filter, String> updates = new HashMap<>();
        Map<Filter, Map<String, Long>> current = new HashMap<>();
        for (Subscriber subscriber : subscribers) {
            Filter filter = subscriber.filter();
            String data = updates.computeIfAbsent(filter, f -> {
                Map<String, Long> counts = rollups.minute(minute, f.contestId(), f.campaignId());
                Map<String, Long> before =
                        minute.equals(previousMinute) ? previous.getOrDefault(f, Map.of()) : Map.of();
                Map<String, Long> grown = new LinkedHashMap<>();
                counts.forEach((type, n) -> {
                    long was = before.getOrDefault(type, 0L);
                    if (n > was) {
                        grown.put(type, n - was);
                    }
                });
                current.put(f, counts);
                return json.writeValueAsString(new Update(now, f.contestId(), f.campaignId(), minute, counts, grown));
            });
            if (subscriber.busy().compareAndSet(false, true)) {
                Thread.ofVirtual().name("analytics-live-send").start(() -> send(subscriber, data));
            }
        }
        previousMinute = minute;
        previous = current;
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
