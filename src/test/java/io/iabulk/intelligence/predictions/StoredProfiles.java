package io.iabulk.intelligence.predictions;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Stored predictions written straight into the tables, for tests of what reads them (send-time
 * optimisation): a successful run and per-contact weekly profiles with one peak hour.
 */
public final class StoredProfiles {

    private StoredProfiles() {}

    /** A new successful scoring run started at {@code at}; returns its id. */
    public static long run(JdbcClient jdbc, Instant at) {
        return jdbc.sql("""
                        INSERT INTO prediction_runs (started_at, finished_at, status, reason, source, contacts)
                        VALUES (:at, :at, 'SUCCEEDED', 'test', 'model', 0)
                        RETURNING id
                        """).param("at", Timestamp.from(at)).query(Long.class).single();
    }

    /**
     * A contact's stored profile: P(open) {@code base} every hour of the week from {@code weekStart}
     * except {@code peakAt}'s hour, {@code peak}; tier and zone as given.
     */
    public static void profile(
            JdbcClient jdbc,
            long runId,
            long contactId,
            Instant weekStart,
            String zone,
            String tier,
            Instant peakAt,
            double base,
            double peak) {
        double[] open = new double[HourProfile.HOURS];
        double[] click = new double[HourProfile.HOURS];
        java.util.Arrays.fill(open, base);
        java.util.Arrays.fill(click, base / 10);
        if (peakAt != null) {
            long k = java.time.Duration.between(
                            weekStart.truncatedTo(ChronoUnit.HOURS), peakAt.truncatedTo(ChronoUnit.HOURS))
                    .toHours();
            open[(int) Math.floorMod(k, (long) HourProfile.HOURS)] = peak;
        }
        jdbc.sql("DELETE FROM contact_prediction_hours WHERE contact_id = :id")
                .param("id", contactId)
                .update();
        jdbc.sql("DELETE FROM contact_predictions WHERE contact_id = :id")
                .param("id", contactId)
                .update();
        jdbc.sql("""
                INSERT INTO contact_prediction_hours (contact_id, run_id, source, computed_at, time_zone,
                    open_probability, click_probability, silent, hours)
                VALUES (:id, :run, 'model', :at, :zone, :open, :click, FALSE, :hours)
                """)
                .param("id", contactId)
                .param("run", runId)
                .param("at", Timestamp.from(weekStart))
                .param("zone", zone)
                .param("open", base)
                .param("click", base / 10)
                .param("hours", HourProfile.of(open, click).bytes())
                .update();
        jdbc.sql("""
                INSERT INTO contact_predictions (contact_id, run_id, source, open_probability, click_probability,
                    engagement_score, tier, computed_at)
                VALUES (:id, :run, 'model', :open, :click, 50, :tier, :at)
                """)
                .param("id", contactId)
                .param("run", runId)
                .param("open", base)
                .param("click", base / 10)
                .param("tier", tier)
                .param("at", Timestamp.from(weekStart))
                .update();
    }
}
