package io.iabulk.webhooks.internal;

import io.iabulk.webhooks.WebhooksProperties;
import io.iabulk.webhooks.internal.JdbcWebhookDeliveries.Claimed;
import io.iabulk.webhooks.internal.JdbcWebhooks.Target;
import io.iabulk.webhooks.internal.PinnedHttpPoster.Answer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the deliveries: claims due rows (the first unfinished one of each webhook and subject),
 * POSTs each signed payload to the address it checked, and settles the row: DELIVERED on a 2xx,
 * otherwise PENDING again after a backoff, or FAILED once the event is older than {@code
 * retry-for}. A webhook whose attempts all failed for {@code disable-after} is disabled and the
 * owners told. A worker that dies leaves its rows SENDING; their lease expires and any worker claims
 * them again (at least once).
 */
@Component
public class WebhookWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookWorker.class);

    private final JdbcWebhookDeliveries deliveries;
    private final JdbcWebhooks webhooks;
    private final WebhookAlarms alarms;
    private final PinnedHttpPoster poster;
    private final WebhooksProperties settings;
    private final Clock clock;
    private final String name;

    @Autowired
    WebhookWorker(
            JdbcWebhookDeliveries deliveries,
            JdbcWebhooks webhooks,
            WebhookAlarms alarms,
            WebhooksProperties settings,
            Clock clock) {
        this(deliveries, webhooks, alarms, new PinnedHttpPoster(), settings, clock, "webhooks-" + shortId());
    }

    private WebhookWorker(
            JdbcWebhookDeliveries deliveries,
            JdbcWebhooks webhooks,
            WebhookAlarms alarms,
            PinnedHttpPoster poster,
            WebhooksProperties settings,
            Clock clock,
            String name) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.alarms = alarms;
        this.poster = poster;
        this.settings = settings;
        this.clock = clock;
        this.name = name;
    }

    /** Another worker on the same tables, with its own name and settings (tests: a second instance). */
    public WebhookWorker another(String name, WebhooksProperties settings) {
        return new WebhookWorker(deliveries, webhooks, alarms, poster, settings, clock, name);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Scheduled(fixedDelayString = "${iabulk.webhooks.poll-interval:1s}", initialDelay = 2_000)
    void tick() {
        if (!settings.enabled()) {
            return;
        }
        try {
            // on while there is work: followers of a subject become claimable as their heads finish
            while (runOnce() > 0 && !Thread.currentThread().isInterrupted()) {
                // next claim
            }
        } catch (RuntimeException e) {
            log.warn("Webhook worker failed; trying again at the next tick: {}", e.toString());
        }
    }

    /** Claims one batch and sends it ({@code concurrency} at a time); returns how many were claimed. */
    public int runOnce() {
        Instant now = clock.instant();
        List<Claimed> claimed = deliveries.claim(settings.batchSize(), name, now.plus(settings.lease()), now);
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<Long, Target> targets = webhooks.targets(
                claimed.stream().map(Claimed::webhookId).distinct().toList());
        Semaphore slots = new Semaphore(settings.concurrency());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Claimed claim : claimed) {
                Target target = targets.get(claim.webhookId());
                if (target == null) {
                    continue; // deleted meanwhile: its rows went with it
                }
                slots.acquireUninterruptibly();
                threads.execute(() -> {
                    try {
                        deliver(claim, target);
                    } catch (RuntimeException e) {
                        // the row stays SENDING: its lease expires and it is tried again
                        log.warn("Webhook delivery {} could not be settled: {}", claim.id(), e.toString());
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return claimed.size();
    }

    private void deliver(Claimed claim, Target target) {
        Answer answer = send(claim, target);
        Instant now = clock.instant();
        if (answer.delivered()) {
            deliveries.settle(claim, name, "DELIVERED", answer.status(), null, null, now);
            webhooks.succeeded(target.id());
            return;
        }
        String error = answer.error() != null ? answer.error() : "HTTP " + answer.status();
        Instant deadline = claim.createdAt().plus(settings.retryFor());
        if (!now.isBefore(deadline)) {
            deliveries.settle(claim, name, "FAILED", answer.status(), error, null, now);
        } else {
            Instant next = now.plus(Backoff.delay(
                    claim.attempt(),
                    settings.firstRetry(),
                    settings.maxBackoff(),
                    settings.jitter(),
                    ThreadLocalRandom.current().nextDouble()));
            deliveries.settle(
                    claim, name, "PENDING", answer.status(), error, next.isBefore(deadline) ? next : deadline, now);
        }
        if (webhooks.failed(target.id(), now, now.minus(settings.disableAfter()), error)) {
            alarms.disabled(target, error);
        }
    }

    private Answer send(Claimed claim, Target target) {
        URI url = URI.create(target.url());
        List<InetAddress> addresses;
        try {
            addresses = AddressGuard.resolve(url.getHost());
        } catch (UnknownHostException e) {
            return new Answer(null, "the host " + url.getHost() + " does not resolve");
        }
        if (!settings.allowPrivateAddresses()) {
            // every address the name has must be public: the connection goes to the first one
            for (InetAddress address : addresses) {
                Optional<String> refusal = AddressGuard.refusal(address);
                if (refusal.isPresent()) {
                    return new Answer(
                            null, "refused: " + url.getHost() + " resolves to " + refusal.get() + " (SSRF guard)");
                }
            }
        }
        byte[] body = claim.payload().getBytes(StandardCharsets.UTF_8);
        long t = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                Signatures.HEADER,
                Signatures.header(target.secret(), t, body),
                "IABulk-Event-Id",
                claim.eventId(),
                "IABulk-Event-Type",
                claim.type(),
                "IABulk-Delivery-Attempt",
                Integer.toString(claim.attempt()));
        return poster.post(url, addresses.getFirst(), headers, body, settings.timeout());
    }
}
