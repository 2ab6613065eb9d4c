package io.iabulk.delivery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the delivery module, prefix {@code iabulk.delivery}.
 *
 * @param outboxDir where the outbox transport writes {@code .eml} files (defaults to {@code
 *     <data-dir>/outbox})
 * @param messageIdDomain the right-hand side of generated {@code Message-ID}s
 * @param workers send workers (virtual threads) on this instance; 0 turns sending off here
 * @param claimBatch rows one worker claims, renders and sends at a time
 * @param lease how long a claimed row stays with its worker; a row still in flight after it
 *     becomes {@code UNKNOWN}
 * @param unknownPolicy what happens to rows whose lease expired: {@code RESEND} them (counted as
 *     possibly duplicated) or {@code FAIL} them
 * @param maxRatePerSecond messages per second this instance sends at most, all campaigns together
 *     (0: unlimited)
 * @param domainConcurrency batches in flight at once to one recipient domain; shrinks on transient
 *     failures of the domain and grows back on successes
 * @param domainPause how long a domain gets no mail after it answered with a throttling reply
 *     (421, 451, 452, 454, HTTP 429)
 * @param reaperInterval how often expired leases are looked for (and this instance's heartbeat
 *     written)
 * @param instanceId this instance's name in leases and heartbeats (default: host, pid and a random
 *     suffix)
 * @param retry backoff of transient failures
 * @param poll how idle workers look for work
 * @param commit the group committer that writes outcomes
 * @param breaker the circuit breaker of the transport
 * @param unsubscribeMailbox the address of the {@code mailto:} form of {@code List-Unsubscribe}
 *     (defaults to {@code unsubscribe@<message-id-domain>})
 * @param smtp the pooled SMTP transport (the relay itself is {@code spring.mail.*})
 * @param sendgrid the SendGrid v3 transport, used when its API key is set
 * @param dkim DKIM signing of every message, on when domain, selector and key are set
 * @param webhook provider event webhooks (bounces, complaints)
 * @param adaptiveSubjects how adaptive campaigns choose subject variants when rows are claimed
 */
@Validated
@ConfigurationProperties("iabulk.delivery")
public record DeliveryProperties(
        Path outboxDir,
        @DefaultValue("iabulk.localhost") String messageIdDomain,
        @DefaultValue("8") @Min(0) int workers,
        @DefaultValue("50") @Min(1) int claimBatch,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("RESEND") @NotNull UnknownPolicy unknownPolicy,
        @DefaultValue("0") @Min(0) int maxRatePerSecond,
        @DefaultValue("10") @Min(1) int domainConcurrency,
        @DefaultValue("30s") @NotNull Duration domainPause,
        @DefaultValue("5s") @NotNull Duration reaperInterval,
        String instanceId,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Poll poll,
        @DefaultValue @Valid Commit commit,
        @DefaultValue @Valid Breaker breaker,
        String unsubscribeMailbox,
        @DefaultValue @Valid Smtp smtp,
        @DefaultValue @Valid SendGrid sendgrid,
        @DefaultValue @Valid Dkim dkim,
        @DefaultValue @Valid Webhook webhook,
        @DefaultValue @Valid AdaptiveSubjects adaptiveSubjects) {

    /**
     * Adaptive subject lines (ADR 0023): the first part of the audience is split evenly, then each
     * claim draws variants by Thompson sampling on the human opens (or clicks) so far.
     *
     * @param warmupFraction the share of the audience split evenly before sampling starts
     * @param seed the seed of the sampler's random numbers (tests, simulations); random when absent
     */
    public record AdaptiveSubjects(
            @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0")
            double warmupFraction,

            Long seed) {}

    /** The fate of rows whose lease expired while they were in flight. */
    public enum UnknownPolicy {
        /** Send them again and count them as possibly duplicated. */
        RESEND,
        /** Fail them: never a duplicate, maybe a recipient who got nothing. */
        FAIL
    }

    /**
     * Exponential backoff with jitter of transient failures; the row waits in the queue, no worker
     * sleeps.
     *
     * @param maxAttempts attempts in all, the first one included; after the last a transient
     *     failure fails the recipient
     * @param initialBackoff the wait before the first retry
     * @param multiplier growth of the wait per attempt
     * @param maxBackoff the longest wait
     * @param jitter the wait varies by this fraction either way
     */
    public record Retry(
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("2s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("10m") @NotNull Duration maxBackoff,

            @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0")
            double jitter) {}

    /**
     * @param interval the first wait of a worker that found nothing to claim
     * @param maxInterval the longest wait of an idle worker (it doubles up to this); also bounds how
     *     late a pause, resume or newly queued message is noticed by another instance
     */
    public record Poll(
            @DefaultValue("200ms") @NotNull Duration interval,
            @DefaultValue("1s") @NotNull Duration maxInterval) {}

    /**
     * @param interval outcomes are written at least this often
     * @param maxBatch outcomes written in one transaction at most
     * @param capacity outcomes that may wait to be written; when they are this many, workers wait
     *     before handing over more (and so claim nothing new) until the writes catch up
     */
    public record Commit(
            @DefaultValue("50ms") @NotNull Duration interval,
            @DefaultValue("500") @Min(1) int maxBatch,
            @DefaultValue("10000") @Min(1) int capacity) {}

    /**
     * A transport call whose every message failed to connect (code 0) is a failure; others are
     * successes. While open, workers claim nothing (no attempt is burnt).
     *
     * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
     * @param minimumCalls calls needed before the rate is judged
     * @param windowSize calls in the sliding window
     * @param waitInOpen how long it stays open before letting one trial call through
     */
    public record Breaker(
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("3") @Min(1) int minimumCalls,
            @DefaultValue("10") @Min(1) int windowSize,
            @DefaultValue("5s") @NotNull Duration waitInOpen) {}

    /** The mailbox of the {@code mailto:} unsubscribe form. */
    public String unsubscribeMailboxOrDefault() {
        return unsubscribeMailbox == null || unsubscribeMailbox.isBlank()
                ? "unsubscribe@" + messageIdDomain
                : unsubscribeMailbox;
    }

    /**
     * The pooled SMTP transport. Host, port, username, password and Jakarta Mail properties
     * ({@code mail.smtp.starttls.enable}, ...) come from {@code spring.mail.*}.
     *
     * @param poolSize persistent connections kept open to the relay (each used by one thread at a
     *     time)
     * @param startTls upgrade every connection with STARTTLS (also on when {@code
     *     spring.mail.properties.mail.smtp.starttls.enable} is true)
     * @param requireStartTls refuse to send when the relay does not offer STARTTLS
     * @param connectTimeout how long opening a connection may take
     * @param readTimeout how long the relay may take to answer a command
     * @param writeTimeout how long writing a message may block
     * @param borrowTimeout how long a sender waits for a free pooled connection
     * @param maxMessagesPerConnection messages sent over one connection before it is renewed (some
     *     relays cap them)
     */
    public record Smtp(
            @DefaultValue("8") @Min(1) @Max(256) int poolSize,
            @DefaultValue("false") boolean startTls,
            @DefaultValue("false") boolean requireStartTls,
            @DefaultValue("10s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("30s") Duration writeTimeout,
            @DefaultValue("60s") Duration borrowTimeout,
            @DefaultValue("10000") @Min(1) int maxMessagesPerConnection) {}

    /**
     * The SendGrid v3 {@code mail/send} transport.
     *
     * @param apiKey the API key ({@code IABULK_SENDGRID_API_KEY}); SendGrid is used when it is set
     * @param baseUrl the API base (a stub in tests)
     * @param timeout the timeout of one request
     * @param parallelRequests requests of one batch sent at the same time
     */
    public record SendGrid(
            String apiKey,
            @DefaultValue("https://api.sendgrid.com") URI baseUrl,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("4") @Min(1) @Max(64) int parallelRequests) {

        /** Whether the SendGrid transport is configured. */
        public boolean enabled() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    /**
     * DKIM signing (rsa-sha256, relaxed/relaxed).
     *
     * @param domain the signing domain ({@code d=})
     * @param selector the selector ({@code s=}): the key's DNS record is {@code
     *     <selector>._domainkey.<domain>}
     * @param privateKey the RSA private key as PKCS#8 PEM text, or
     * @param privateKeyFile a file holding it
     * @param headers the header fields signed, when present in the message
     * @param nativeProvider sign with the Amazon Corretto Crypto Provider (native RSA, about three
     *     times faster) where it loads; false, or where it cannot load, the JDK's provider signs
     */
    public record Dkim(
            String domain,
            String selector,
            String privateKey,
            Path privateKeyFile,

            @DefaultValue({
                "From",
                "To",
                "Subject",
                "Date",
                "Message-ID",
                "Reply-To",
                "List-Unsubscribe",
                "List-Unsubscribe-Post",
                "MIME-Version",
                "Content-Type"
            })
            List<String> headers,

            @DefaultValue("true") boolean nativeProvider) {

        /** Whether signing is configured (domain, selector and a key). */
        public boolean enabled() {
            return domain != null
                    && !domain.isBlank()
                    && selector != null
                    && !selector.isBlank()
                    && ((privateKey != null && !privateKey.isBlank()) || privateKeyFile != null);
        }
    }

    /**
     * Incoming provider webhooks.
     *
     * @param sendgridVerificationKey SendGrid's signed-event-webhook verification key (base64 of
     *     the ECDSA P-256 public key, as SendGrid shows it); when set, unsigned or badly signed
     *     posts are refused
     * @param sendgridMaxSkew how far the signed timestamp may be from now (replay window)
     * @param sendgridAcceptUnsigned development only: serve the SendGrid webhook without a
     *     verification key and whatever the transport (anyone may then post events: suppress
     *     contacts, falsify statistics); off, the webhook answers 404 unless SendGrid is the
     *     transport and a verification key is set
     */
    public record Webhook(
            String sendgridVerificationKey,
            @DefaultValue("10m") Duration sendgridMaxSkew,
            @DefaultValue("false") boolean sendgridAcceptUnsigned) {

        /** Whether SendGrid posts must be signed. */
        public boolean sendgridVerified() {
            return sendgridVerificationKey != null && !sendgridVerificationKey.isBlank();
        }

        /**
         * Whether the SendGrid event webhook is served: only when SendGrid sends our mail and its
         * posts are verified, or when unsigned posts are accepted on purpose (development).
         */
        public boolean sendgridServed(SendGrid transport) {
            return sendgridAcceptUnsigned || (transport.enabled() && sendgridVerified());
        }
    }
}
