package io.iabulk.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The life of a job that processes an upload in the background (contact imports, history imports),
 * held in a row of the module's own jobs table with the columns {@code id, status
 * (RUNNING|FINISHED|FAILED), error, heartbeat_at, finished_at}. The instance running a job renews
 * its heartbeat; a RUNNING job whose heartbeat stopped lost its instance, and its upload with it,
 * so whichever instance looks next fails it. Going by age rather than "on startup" is what works
 * with several instances, where a starting one cannot tell another's live job from a dead one.
 *
 * @param table the module's jobs table (a constant of the caller, never input)
 */
public record UploadJobRows(JdbcClient jdbc, String table) {

    /** The error of a job whose instance stopped. */
    public static final String INTERRUPTED = "interrupted: the instance running it stopped; upload the file again";

    private static final int MAX_ERROR = 1000;

    /** Renews the heartbeat of the jobs this instance runs. */
    private void heartbeat(Collection<Long> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE " + table + " SET heartbeat_at = :now WHERE id = ANY(:ids) AND status = 'RUNNING'")
                    .param("ids", ids.toArray(Long[]::new))
                    .param("now", Timestamp.from(now))
                    .update();
        }
    }

    /** Marks a running job FAILED; false when it was no longer running. */
    public boolean fail(long id, String error, Instant now) {
        return jdbc.sql("UPDATE " + table + " SET status = 'FAILED', error = :error, finished_at = :now"
                                + " WHERE id = :id AND status = 'RUNNING'")
                        .param("id", id)
                        .param("error", error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /**
     * Renews the heartbeat of {@code running} (this instance's jobs), then fails the running jobs
     * whose heartbeat is older than {@code staleBefore}.
     *
     * @return the ids it failed
     */
    public List<Long> reap(Collection<Long> running, Instant staleBefore, Instant now) {
        heartbeat(running, now);
        List<Long> stale = jdbc.sql("SELECT id FROM " + table + " WHERE status = 'RUNNING' AND heartbeat_at < :cutoff")
                .param("cutoff", Timestamp.from(staleBefore))
                .query(Long.class)
                .list();
        List<Long> failed = new ArrayList<>();
        for (long id : stale) {
            if (fail(id, INTERRUPTED, now)) {
                failed.add(id);
            }
        }
        return failed;
    }
}
