package io.iabulk.delivery.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.RenderResult;
import io.iabulk.delivery.internal.DomainThrottle.Feedback;
import io.iabulk.delivery.internal.SendResult.ClaimRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From rendered mail to results: per-domain slots and pauses, the transport call behind the circuit
 * breaker, and the classification of each outcome (sent, retry with backoff, fail, bounce).
 */
final class SendPipeline {

    /** An enhanced status code (RFC 3463), e.g. {@code 5.1.1}. */
    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    record Outcome(List<SendResult> results, boolean transportCalled) {}

    private final MailTransport transport;
    private final CircuitBreaker breaker;
    private final DomainThrottle domains;
    private final Backoff backoff;
    private final DeliveryMetrics metrics;
    private final Duration outageRetry;
    private final Clock clock;

    SendPipeline(
            MailTransport transport,
            CircuitBreaker breaker,
            DeliveryProperties properties,
            DeliveryMetrics metrics,
            Clock clock) {
        this.transport = transport;
        this.breaker = breaker;
        this.domains = new DomainThrottle(properties.domainConcurrency(), properties.domainPause());
        this.backoff = new Backoff(properties.retry());
        this.metrics = metrics;
        this.outageRetry = properties.breaker().waitInOpen();
        this.clock = clock;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    DomainThrottle domains() {
        return domains;
    }

    /** A batch the renderer could not handle at all: every send is retried (or fails at the end). */
    List<SendResult> renderFailed(List<QueuedSend> claimed, RuntimeException e) {
        Instant now = clock.instant();
        List<SendResult> results = new ArrayList<>();
        for (QueuedSend send : claimed) {
            results.add(transientResult(send, now, "rendering failed: " + e.getMessage()));
        }
        return results;
    }

    Outcome send(List<QueuedSend> claimed, List<RenderResult> rendered) {
        Instant now = clock.instant();
        long nowNanos = System.nanoTime();
        List<SendResult> results = new ArrayList<>(claimed.size());
        List<Envelope> envelopes = new ArrayList<>();
        List<QueuedSend> sending = new ArrayList<>();
        Map<String, Long> refused = new HashMap<>();
        List<String> acquired = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            QueuedSend send = claimed.get(i);
            ClaimRef ref = ClaimRef.of(send);
            switch (rendered.get(i)) {
                case RenderResult.Suppressed s -> results.add(SendResult.end(ref, SendStatus.SUPPRESSED, s.reason()));
                case RenderResult.Failed f -> results.add(SendResult.end(ref, SendStatus.FAILED, f.error()));
                case RenderResult.Rendered r -> {
                    String domain = r.mail().recipientDomain();
                    if (!acquired.contains(domain) && !refused.containsKey(domain)) {
                        long wait = domains.tryAcquire(domain, nowNanos);
                        if (wait == 0) {
                            acquired.add(domain);
                        } else {
                            refused.put(domain, wait);
                        }
                    }
                    Long wait = refused.get(domain);
                    if (wait != null) {
                        // the domain is paused or busy: back to the queue, the attempt given back
                        results.add(SendResult.defer(ref, now.plusNanos(wait), "domain " + domain + " throttled"));
                    } else {
                        envelopes.add(new Envelope(send.sendId(), r.mail()));
                        sending.add(send);
                    }
                }
            }
        }
        count(results);
        if (envelopes.isEmpty()) {
            return new Outcome(results, false);
        }
        Map<String, Feedback> feedback = new LinkedHashMap<>();
        acquired.forEach(domain -> feedback.put(domain, Feedback.CLEAN));
        List<SendResult> sent = new ArrayList<>(envelopes.size());
        try {
            long started = System.nanoTime();
            List<SendOutcome> outcomes = call(envelopes);
            long took = System.nanoTime() - started;
            boolean unreachable =
                    outcomes.stream().allMatch(o -> o.kind() == SendOutcome.Kind.TRANSIENT && o.code() == 0);
            Instant after = clock.instant();
            if (unreachable) {
                // the provider is down: no message reached a server, so no attempt is spent; the
                // breaker counts the failure and, once open, stops the claims
                breaker.onError(
                        took,
                        TimeUnit.NANOSECONDS,
                        new MailSendException(
                                transport.name() + " unreachable: "
                                        + outcomes.getFirst().detail(),
                                null,
                                true));
                acquired.forEach(domain -> feedback.put(domain, Feedback.NONE));
                for (QueuedSend send : sending) {
                    sent.add(SendResult.defer(
                            ClaimRef.of(send),
                            after.plus(outageRetry),
                            outcomes.getFirst().detail()));
                }
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                for (int i = 0; i < sending.size(); i++) {
                    SendOutcome outcome = outcomes.get(i);
                    String domain = envelopes.get(i).mail().recipientDomain();
                    sent.add(result(sending.get(i), outcome, after));
                    if (outcome.kind() == SendOutcome.Kind.TRANSIENT) {
                        Feedback worse =
                                DomainThrottle.throttling(outcome.code()) ? Feedback.THROTTLED : Feedback.TRANSIENT;
                        feedback.merge(domain, worse, (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
                    }
                }
            }
        } finally {
            long end = System.nanoTime();
            acquired.forEach(domain -> domains.release(domain, feedback.getOrDefault(domain, Feedback.NONE), end));
        }
        count(sent);
        results.addAll(sent);
        return new Outcome(results, true);
    }

    /** Calls the transport; a batch that throws is split so one bad message fails alone. */
    private List<SendOutcome> call(List<Envelope> envelopes) {
        try {
            List<SendOutcome> outcomes = transport.send(envelopes);
            if (outcomes.size() != envelopes.size()) {
                throw new IllegalStateException("the " + transport.name() + " transport returned " + outcomes.size()
                        + " outcomes for " + envelopes.size() + " messages");
            }
            return outcomes;
        } catch (RuntimeException e) {
            if (envelopes.size() == 1) {
                boolean retry = e instanceof MailSendException m ? m.isTransient() : true;
                return List.of(
                        retry
                                ? SendOutcome.transientFailure(-1, e.getMessage())
                                : SendOutcome.permanentFailure(-1, e.getMessage()));
            }
            List<SendOutcome> outcomes = new ArrayList<>(envelopes.size());
            for (Envelope envelope : envelopes) {
                outcomes.addAll(call(List.of(envelope)));
            }
            return outcomes;
        }
    }

    private SendResult result(QueuedSend send, SendOutcome outcome, Instant now) {
        ClaimRef ref = ClaimRef.of(send);
        return switch (outcome.kind()) {
            case SENT -> SendResult.sent(ref, outcome.providerMessageId());
            case TRANSIENT -> transientResult(send, now, describe(outcome));
            case PERMANENT ->
                SendResult.end(ref, hardBounce(outcome) ? SendStatus.BOUNCED : SendStatus.FAILED, describe(outcome));
        };
    }

    private SendResult transientResult(QueuedSend send, Instant now, String error) {
        ClaimRef ref = ClaimRef.of(send);
        if (backoff.exhausted(send.attempt())) {
            return SendResult.end(ref, SendStatus.FAILED, "gave up after " + send.attempt() + " attempts: " + error);
        }
        return SendResult.retry(ref, now.plus(backoff.after(send.attempt())), error);
    }

    /**
     * A permanent failure that says the mailbox does not exist: an enhanced status 5.1.x, or
     * without one the SMTP codes 550, 551 and 553. Other permanent failures (policy, content,
     * size: 5.7.x, 552, 554, HTTP 4xx) fail the send without suppressing the contact.
     */
    static boolean hardBounce(SendOutcome outcome) {
        if (outcome.code() < 500 || outcome.code() > 599) {
            return false;
        }
        Matcher enhanced = ENHANCED.matcher(outcome.detail() == null ? "" : outcome.detail());
        if (enhanced.find()) {
            return enhanced.group(1).equals("5") && enhanced.group(2).equals("1");
        }
        return outcome.code() == 550 || outcome.code() == 551 || outcome.code() == 553;
    }

    private static String describe(SendOutcome outcome) {
        return outcome.code() > 0 ? outcome.code() + " " + outcome.detail() : outcome.detail();
    }

    private void count(List<SendResult> results) {
        int sent = 0, retried = 0, deferred = 0, failed = 0, bounced = 0, suppressed = 0;
        for (SendResult r : results) {
            switch (r.status()) {
                case SENT -> sent++;
                case QUEUED -> {
                    if (r.refundAttempt()) {
                        deferred++;
                    } else {
                        retried++;
                    }
                }
                case FAILED -> failed++;
                case BOUNCED -> bounced++;
                case SUPPRESSED -> suppressed++;
                default -> {}
            }
        }
        String name = transport.name();
        metrics.count("sent", name, sent);
        metrics.count("retried", name, retried);
        metrics.count("deferred", name, deferred);
        metrics.count("failed", name, failed);
        metrics.count("bounced", name, bounced);
        metrics.count("suppressed", name, suppressed);
    }
}
