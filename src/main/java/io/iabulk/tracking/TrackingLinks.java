package io.iabulk.tracking;

import io.iabulk.platform.PublicUrls;
import io.iabulk.platform.SecretTokens;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Signed links that carry a send id: {@code /u/{token}} unsubscribes, {@code /t/o/{token}} is the
 * open pixel, {@code /t/c/{token}} a click redirect, and the {@code iab_click} value reports a
 * conversion. A token is URL-safe base64 of the send id (8 bytes), a purpose byte, the purpose's
 * fields and the first 12 bytes of an HMAC-SHA256 over all of them, so a link needs no table and a
 * changed byte is detected (docs/decisions/0013).
 */
@Service
public class TrackingLinks {

    private static final byte UNSUBSCRIBE = 'u';
    private static final byte OPEN = 'o';
    private static final byte CONVERSION = 'v';
    private static final byte CLICK = 'c';
    private static final int MAC_BYTES = 12;
    private static final int HEADER_BYTES = 9;
    // click fields: flags (1), link index (2), link count (2), then the URL
    private static final int CLICK_FIELDS = 5;
    private static final int FLAG_APPEND_CLICK_TOKEN = 1;
    /** Longer URLs are left as they are: their token would pass the URL lengths clients accept. */
    public static final int MAX_URL_BYTES = 2000;
    /** A message with more links keeps the rest untracked (the index travels in two bytes). */
    public static final int MAX_LINKS = 65_535;

    private final PublicUrls urls;
    private final SecretKeySpec key;
    // one initialised Mac per thread: every campaign message signs a link, and a provider lookup
    // plus key set-up per message is wasted work (doFinal resets the Mac for the next use)
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    TrackingLinks(PublicUrls urls, TrackingProperties properties, JdbcClient jdbc, Clock clock) {
        this.urls = urls;
        String secret = properties.secret() != null && !properties.secret().isBlank()
                ? properties.secret()
                : storedSecret(jdbc, clock);
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static String storedSecret(JdbcClient jdbc, Clock clock) {
        // first instance wins; the others read what it stored
        jdbc.sql("""
                INSERT INTO tracking_keys (name, secret, created_at) VALUES ('links', :secret, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("secret", SecretTokens.random())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        return jdbc.sql("SELECT secret FROM tracking_keys WHERE name = 'links'")
                .query(String.class)
                .single();
    }

    /** The one-click unsubscribe link of a send. */
    public String unsubscribeUrl(long sendId) {
        return urls.of("/u/" + token(sendId, UNSUBSCRIBE));
    }

    /** The send id of an unsubscribe token, or empty when it is malformed or its signature is wrong. */
    public OptionalLong unsubscribeSend(String token) {
        return verify(token, UNSUBSCRIBE);
    }

    /** The open pixel's URL for a send. */
    public String openUrl(long sendId) {
        return urls.of("/t/o/" + token(sendId, OPEN));
    }

    /** The send id of an open token, or empty when it is malformed or its signature is wrong. */
    public OptionalLong openSend(String token) {
        return verify(token, OPEN);
    }

    /** The {@code iab_click} value of a send: what a landing page reports a conversion with. */
    public String conversionToken(long sendId) {
        return token(sendId, CONVERSION);
    }

    /** The send id of an {@code iab_click} value, or empty when it is malformed or forged. */
    public OptionalLong conversionSend(String token) {
        return verify(token, CONVERSION);
    }

    /**
     * The tracked redirect for a link of a message, or the URL itself when it is longer than
     * {@link #MAX_URL_BYTES} or the index is beyond {@link #MAX_LINKS}.
     */
    public String clickUrl(long sendId, int linkIndex, int linkCount, boolean appendClickToken, String url) {
        byte[] target = url.getBytes(StandardCharsets.UTF_8);
        if (target.length > MAX_URL_BYTES || linkIndex < 0 || linkIndex >= MAX_LINKS || linkCount > MAX_LINKS) {
            return url;
        }
        ByteBuffer payload = ByteBuffer.allocate(HEADER_BYTES + CLICK_FIELDS + target.length)
                .putLong(sendId)
                .put(CLICK)
                .put((byte) (appendClickToken ? FLAG_APPEND_CLICK_TOKEN : 0))
                .putShort((short) linkIndex)
                .putShort((short) Math.max(linkCount, linkIndex + 1))
                .put(target);
        return urls.of("/t/c/" + sign(payload.array()));
    }

    /** What a click token carries, or empty when it is malformed or its signature is wrong. */
    public Optional<SignedClick> click(String token) {
        byte[] payload = verified(token, CLICK);
        if (payload == null || payload.length < HEADER_BYTES + CLICK_FIELDS) {
            return Optional.empty();
        }
        ByteBuffer fields = ByteBuffer.wrap(payload);
        long sendId = fields.getLong();
        fields.get();
        int flags = fields.get();
        int index = Short.toUnsignedInt(fields.getShort());
        int count = Short.toUnsignedInt(fields.getShort());
        String url = new String(payload, HEADER_BYTES + CLICK_FIELDS, fields.remaining(), StandardCharsets.UTF_8);
        return Optional.of(new SignedClick(sendId, index, count, (flags & FLAG_APPEND_CLICK_TOKEN) != 0, url));
    }

    String token(long sendId, byte purpose) {
        return sign(
                ByteBuffer.allocate(HEADER_BYTES).putLong(sendId).put(purpose).array());
    }

    OptionalLong verify(String token, byte purpose) {
        byte[] payload = verified(token, purpose);
        return payload == null || payload.length != HEADER_BYTES
                ? OptionalLong.empty()
                : OptionalLong.of(ByteBuffer.wrap(payload).getLong());
    }

    private String sign(byte[] payload) {
        byte[] mac = mac(payload);
        byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
        System.arraycopy(mac, 0, token, payload.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The signed payload of a token of the given purpose, or null when it is not one. */
    private byte[] verified(String token, byte purpose) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length < HEADER_BYTES + MAC_BYTES || bytes[8] != purpose) {
            return null;
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - MAC_BYTES);
        byte[] expected = Arrays.copyOf(mac(payload), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, payload.length, bytes.length))) {
            return null;
        }
        return payload;
    }

    private byte[] mac(byte[] payload) {
        return macs.get().doFinal(payload);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
