package io.iabulk.contacts.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Where the valid rows of one import wait until they are merged into the contacts: a table of the
 * import's own ({@code contact_import_stage_<id>}), filled as the file is read, merged in one
 * transaction that also marks the import FINISHED, then dropped. A failure before that commit leaves
 * every contact as it was. One connection does it all; one implementation per database.
 */
abstract class ImportStage implements AutoCloseable {

    /**
     * The outcome of a merge: {@code created}, {@code updated} and {@code suppressed} count distinct
     * addresses, {@code duplicates} the other staged lines of those addresses.
     */
    record Merged(long created, long updated, long suppressed, long duplicates) {

        /** The counts of a merge of {@code staged} rows, from its counts by address. */
        static Merged of(long staged, long created, long updated, long suppressed) {
            return new Merged(created, updated, suppressed, staged - created - updated - suppressed);
        }
    }

    protected final Connection connection;
    protected final long importId;
    protected final String table;
    private final SeenAddresses seen = new SeenAddresses();
    private long staged;
    private boolean repeats;
    private boolean suppresses;

    protected ImportStage(Connection connection, long importId) {
        this.connection = connection;
        this.importId = importId;
        this.table = table(importId);
    }

    /** The staging table of an import (a number, never user input, goes into the name). */
    static String table(long importId) {
        return "contact_import_stage_" + importId;
    }

    /** Stages one valid row. */
    final void add(ImportRows.Row row) throws SQLException {
        staged++;
        if (seen.seenBefore(row.hash())) {
            repeats = true;
        }
        suppresses |= row.status() != null;
        stage(row);
    }

    protected abstract void stage(ImportRows.Row row) throws SQLException;

    /** Valid rows staged so far. */
    protected long staged() {
        return staged;
    }

    /** Whether the file may repeat an address (false: it surely does not). */
    protected boolean repeats() {
        return repeats;
    }

    /** Whether a line gave its address a suppressing status (false: the file has none to apply). */
    protected boolean suppresses() {
        return suppresses;
    }

    /**
     * Merges the staged rows into the contacts and marks the import FINISHED with its counters, all
     * in one transaction. The lines of one address fold in file order as lines fold into a stored
     * contact: a non-empty cell replaces, an empty one keeps, attributes merge name by name; the
     * typed address is the last line's.
     */
    abstract Merged merge(long processed, long invalid, Instant now) throws SQLException;

    /** Marks the import FINISHED within the merge's transaction; refuses if it is no longer RUNNING. */
    protected void finish(long processed, long invalid, Merged merged, Instant now) throws SQLException {
        try (PreparedStatement finish = connection.prepareStatement("""
                UPDATE contact_imports SET status = 'FINISHED', processed = ?, invalid = ?, created = ?, updated = ?,
                       suppressed = ?, duplicates = ?, finished_at = ?, heartbeat_at = ?
                WHERE id = ? AND status = 'RUNNING'
                """)) {
            finish.setLong(1, processed);
            finish.setLong(2, invalid);
            finish.setLong(3, merged.created());
            finish.setLong(4, merged.updated());
            finish.setLong(5, merged.suppressed());
            finish.setLong(6, merged.duplicates());
            finish.setTimestamp(7, Timestamp.from(now));
            finish.setTimestamp(8, Timestamp.from(now));
            finish.setLong(9, importId);
            if (finish.executeUpdate() != 1) {
                throw new IllegalStateException("the import was marked FAILED while it was being merged");
            }
        }
    }

    /** Drops the staging table (the connection goes back to its pool afterwards). */
    @Override
    public void close() throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            drop(connection, importId);
        } finally {
            connection.close();
        }
    }

    static void drop(Connection connection, long importId) throws SQLException {
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE IF EXISTS " + table(importId));
        }
    }
}
