package io.iabulk.platform.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Admin API keys, stored as SHA-256 hashes (the keys are 256-bit random values, so a fast hash is
 * enough) and checked against an in-memory copy that is refreshed every minute.
 */
@Component
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Set<String> hashes = Set.of();

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the presented key is a known admin key. */
    public boolean isValid(String presented) {
        return presented != null && !presented.isEmpty() && hashes.contains(hash(presented));
    }

    /** Whether any key has been registered. */
    boolean any() {
        return jdbc.sql("SELECT count(*) FROM api_keys").query(Long.class).single() > 0;
    }

    /** Creates a new random key; only its hash is kept. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "iab_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stores a key's hash under a name, unless it is stored already. */
    void register(String name, String key) {
        String hash = hash(key);
        // the unique key_hash makes a second instance registering the same key a no-op
        jdbc.sql("INSERT INTO api_keys (name, key_hash, created_at) VALUES (:name, :hash, :now) ON CONFLICT DO NOTHING")
                .param("name", name)
                .param("hash", hash)
                .param("now", java.sql.Timestamp.from(Instant.now(clock)))
                .update();
        refresh();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void refresh() {
        hashes = Set.copyOf(
                jdbc.sql("SELECT key_hash FROM api_keys").query(String.class).list());
    }

    static String hash(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
