package io.iabulk.campaigns.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The ids of the templates the platform sends from ({@code templates.system_key}), looked up once
 * per key: a migration creates each, operators edit it in place (same id, new version) and none can
 * be deleted, so the id never changes. Every contest signup asked for the confirmation template's
 * id before (one more statement in the launch-spike path, ADR 0029).
 */
@Component
class SystemTemplates {

    private final JdbcClient jdbc;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    SystemTemplates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The id of the system template {@code key} ({@code contest-confirmation}, …). */
    long id(String key) {
        Long known = ids.get(key);
        if (known != null) {
            return known;
        }
        // templates_system_key index; outside computeIfAbsent, so no map lock waits on the database
        long id = jdbc.sql("SELECT id FROM templates WHERE system_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
        ids.putIfAbsent(key, id);
        return id;
    }
}
