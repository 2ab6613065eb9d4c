package io.iabulk.platform.internal;

import io.iabulk.platform.SecretTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Admin API keys, stored as SHA-256 hashes (the keys are 256-bit random values, so a fast hash is
 * enough) and checked against an in-memory copy, refreshed every 10 seconds and at once on this
 * instance when a key is created or revoked. A key's last use is remembered in memory and written
 * with the refresh, so a busy key costs no write per request.
 */
@Component
public class ApiKeys {

    /** A key as the edge knows it. */
    public record Key(long id, String name) {}

    /** A key as the keys page lists it (never the key itself). */
    public record Listed(long id, String name, Instant createdAt, String createdBy, Instant lastUsedAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Map<String, Key> byHash = Map.of();
    private final Map<Long, Instant> usedSince = new ConcurrentHashMap<>();

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The key the presented secret is, when it is a known, unrevoked one; its use is remembered. */
    public Optional<Key> check(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        Key key = byHash.get(SecretTokens.sha256Hex(presented));
        if (key != null) {
            usedSince.put(key.id(), Instant.now(clock));
        }
        return Optional.ofNullable(key);
    }

    /** Whether the presented key is a known admin key. */
    public boolean isValid(String presented) {
        return check(presented).isPresent();
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
        insert(name, key, null);
    }

    /** Creates, stores and returns a new named key: the only time its value is seen. */
    public String create(String name, String createdBy) {
        String key = generate();
        insert(name, key, createdBy);
        return key;
    }

    private void insert(String name, String key, String createdBy) {
        // the unique key_hash makes a second instance registering the same key a no-op
        jdbc.sql("""
                        INSERT INTO api_keys (name, key_hash, created_at, created_by)
                        VALUES (:name, :hash, :now, :by) ON CONFLICT DO NOTHING""")
                .param("name", name)
                .param("hash", SecretTokens.sha256Hex(key))
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("by", createdBy)
                .update();
        refresh();
    }

    /** The keys in force, newest first. */
    public List<Listed> list() {
        flushUses();
        return jdbc.sql("""
                        SELECT id, name, created_at, created_by, last_used_at FROM api_keys
                        WHERE revoked_at IS NULL ORDER BY id DESC""")
                .query((rs, n) -> new Listed(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"),
                        Optional.ofNullable(rs.getTimestamp("last_used_at"))
                                .map(Timestamp::toInstant)
                                .orElse(null)))
                .list();
    }

    /** Revokes a key: refused at once on this instance, within 10 seconds on the others. */
    public boolean revoke(long id) {
        int changed = jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", Timestamp.from(Instant.now(clock)))
                .param("id", id)
                .update();
        refresh();
        return changed > 0;
    }

    @Scheduled(fixedDelayString = "PT10S", initialDelayString = "PT10S")
    void refresh() {
        flushUses();
        Map<String, Key> keys = new HashMap<>();
        jdbc.sql("SELECT id, name, key_hash FROM api_keys WHERE revoked_at IS NULL")
                .query(rs -> {
                    keys.put(rs.getString("key_hash"), new Key(rs.getLong("id"), rs.getString("name")));
                });
        byHash = Map.copyOf(keys);
    }

    private void flushUses() {
        for (Long id : List.copyOf(usedSince.keySet())) {
            Instant at = usedSince.remove(id);
            if (at != null) {
                // never moves a last use back in time (another instance may have written a later one)
                jdbc.sql("""
                                UPDATE api_keys SET last_used_at = :at
                                WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)""").param("at", Timestamp.from(at)).param("id", id).update();
            }
        }
    }
}
