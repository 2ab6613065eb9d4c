package io.iabulk.intelligence.history;

import java.time.Instant;

/**
 * An engagement history import and its progress: {@code processed} and {@code invalid} grow while
 * it runs, {@code imported} as batches are written. A finished import accounts for every line:
 * {@code processed = imported + invalid}.
 *
 * @param status RUNNING, then FINISHED or FAILED
 * @param format CSV or NDJSON
 * @param processed data lines read (a CSV header and blank lines excluded)
 * @param imported lines written (new rows, and rows of an earlier import or an earlier line of the
 *     file that they replaced)
 * @param invalid lines rejected (see the rejected-lines CSV)
 * @param error why the import failed (null unless FAILED)
 */
public record HistoryImport(
        long id,
        String status,
        String format,
        String fileName,
        long processed,
        long imported,
        long invalid,
        String error,
        Instant createdAt,
        Instant finishedAt) {}
