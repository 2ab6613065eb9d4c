package io.iabulk.platform.internal;

import io.iabulk.platform.SecretTokens;
import java.time.Clock;
import java.time.Instant;
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

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Set<String> hashes = Set.of();

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the presented key is a known admin key. */
    public boolean isValid(String presented) {
        return presented != null && !presented.isEmpty() && hashes.contains(SecretTokens.sha256Hex(presented));
    }

    /** Whether any key has been registered. */
    boolean any() {
        return jdbc.sql("SELECT count(*) FROM api_keys").query(Long.class).single() > 0;
    }

    /** Creates a new random key; only its hash is kept. */
    static String generate() {
        return "iab_" + SecretTokens.random();
    }

    /** Stores a key's hash under a name, unless it is stored already. */
    void register(String name, String key) {
        String hash = SecretTokens.sha256Hex(key);
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
}
