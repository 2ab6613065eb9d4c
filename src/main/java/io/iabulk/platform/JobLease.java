package io.iabulk.platform;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lease on a background job held in a row {@code (name, holder, lease_until)} of a module's own
 * lease table, so that one instance at a time runs the job: taken when free, expired or already
 * this holder's, renewed by taking it again, released when the job is done.
 *
 * @param table the module's lease table (a constant of the caller, never input)
 * @param name the job's row in it
 */
public record JobLease(JdbcClient jdbc, String table, String name) {

    /** Takes (or renews) the lease until {@code until}; false when another holder has it. */
    public boolean take(String holder, Instant until, Instant now) {
        // one row by its primary key; the condition makes taking it atomic
        return jdbc.sql(
                                "UPDATE " + table + " SET holder = :holder, lease_until = :until"
                                        + " WHERE name = :name AND (lease_until IS NULL OR lease_until < :now OR holder = :holder)")
                        .param("holder", holder)
                        .param("until", Timestamp.from(until))
                        .param("now", Timestamp.from(now))
                        .param("name", name)
                        .update()
                == 1;
    }

    /** Gives the lease up, if {@code holder} still has it. */
    public void release(String holder) {
        jdbc.sql("UPDATE " + table + " SET holder = NULL, lease_until = NULL WHERE name = :name AND holder = :holder")
                .param("name", name)
                .param("holder", holder)
                .update();
    }
}
