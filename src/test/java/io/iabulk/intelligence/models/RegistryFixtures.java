package io.iabulk.intelligence.models;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry's tables emptied: the integration tests of one JVM share a database, and the other
 * tests expect the baseline to answer (no model active).
 */
final class RegistryFixtures {

    private RegistryFixtures() {}

    static void clear(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM models").update();
        jdbc.sql("DELETE FROM training_jobs").update();
        jdbc.sql("UPDATE model_kinds SET holder = NULL, lease_until = NULL, job_id = NULL")
                .update();
    }

    static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
