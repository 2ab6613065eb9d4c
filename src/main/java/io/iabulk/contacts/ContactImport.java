package io.iabulk.contacts;

import java.time.Instant;

/**
 * A CSV import and its progress. While it runs, {@code processed} and {@code invalid} grow as lines
 * are read; {@code created}, {@code updated}, {@code suppressed} and {@code duplicates} are set when
 * the rows are merged (at the end, in one transaction). A finished import accounts for every line:
 * {@code processed = created + updated + invalid + suppressed + duplicates}.
 *
 * @param processed data lines read (the header excluded)
 * @param created new contacts that may be mailed
 * @param updated existing contacts that may be mailed, updated
 * @param invalid lines rejected (see the rejected-rows CSV)
 * @param suppressed distinct addresses of the file that are suppressed (unsubscribed, bounced,
 *     complained or erased before): their profile fields are stored, their status is kept
 * @param duplicates valid lines whose address appeared on an earlier line of the file: merged into
 *     that address (a later non-empty cell wins, an empty one keeps the earlier value), not counted
 *     again
 * @param error why the import failed (null unless FAILED)
 */
public record ContactImport(
        long id,
        ImportStatus status,
        String fileName,
        long processed,
        long created,
        long updated,
        long invalid,
        long suppressed,
        long duplicates,
        String error,
        Instant createdAt,
        Instant finishedAt) {}
