package io.iabulk.delivery.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Checks SendGrid's signed event webhook: {@code X-Twilio-Email-Event-Webhook-Signature} is a
 * base64 DER ECDSA (P-256, SHA-256) signature of {@code X-Twilio-Email-Event-Webhook-Timestamp}
 * followed by the raw body, made with the key whose public half SendGrid shows as the verification
 * key.
 */
final class SendGridSignature {

    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

    private final PublicKey key;
    private final Duration maxSkew;

    SendGridSignature(String verificationKey, Duration maxSkew) {
        this.key = publicKey(verificationKey);
        this.maxSkew = maxSkew;
    }

    /** The key as SendGrid shows it: base64 of the DER public key (PEM armour tolerated). */
    static PublicKey publicKey(String verificationKey) {
        String base64 = verificationKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "iabulk.delivery.webhook.sendgrid-verification-key is not a base64 ECDSA public key: "
                            + e.getMessage(),
                    e);
        }
    }

    /** Throws {@link WebhookSignatureException} unless the post is signed by SendGrid, recently. */
    void verify(String signature, String timestamp, byte[] body, Instant now) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new WebhookSignatureException(true, "The post must carry " + SIGNATURE + " and " + TIMESTAMP);
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookSignatureException(false, TIMESTAMP + " is not a Unix time in seconds");
        }
        // compared in seconds: Instant.ofEpochSecond(Long.MAX_VALUE) would throw (a 500) before the check
        if (Math.abs((double) seconds - now.getEpochSecond()) > maxSkew.toSeconds()) {
            throw new WebhookSignatureException(false, "The signed timestamp is too far from now (replayed post?)");
        }
        boolean valid;
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            valid = ecdsa.verify(Base64.getDecoder().decode(signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new WebhookSignatureException(false, "The signature does not match the body");
        }
    }
}
