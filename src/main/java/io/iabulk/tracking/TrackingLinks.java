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
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Signed links that carry a send id: {@code /u/{token}} unsubscribes. A token is URL-safe base64
 * of the send id (8 bytes), a purpose byte and the first 12 bytes of an HMAC-SHA256 over both, so
 * a link needs no table and a changed byte is detected.
 */
@Service
public class TrackingLinks {

    private static final byte UNSUBSCRIBE = 'u';
    private static final int MAC_BYTES = 12;

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

    String token(long sendId, byte purpose) {
        ByteBuffer payload = ByteBuffer.allocate(9).putLong(sendId).put(purpose);
        byte[] mac = mac(payload.array());
        byte[] token = Arrays.copyOf(payload.array(), 9 + MAC_BYTES);
        System.arraycopy(mac, 0, token, 9, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    OptionalLong verify(String token, byte purpose) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
        if (bytes.length != 9 + MAC_BYTES || bytes[8] != purpose) {
            return OptionalLong.empty();
        }
        byte[] expected = Arrays.copyOf(mac(Arrays.copyOf(bytes, 9)), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, 9, bytes.length))) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ByteBuffer.wrap(bytes).getLong());
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
