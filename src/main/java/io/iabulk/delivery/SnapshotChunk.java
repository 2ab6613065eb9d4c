package io.iabulk.delivery;

/**
 * What one snapshot chunk did.
 *
 * @param inserted rows queued (ACTIVE contacts not already in the campaign)
 * @param suppressed contacts of the chunk that are not ACTIVE: counted as suppressed, no row
 * @param lastContactId the highest contact id of the chunk (the next chunk's {@code after}); the
 *     given {@code after} when the chunk was empty
 * @param done true when the audience has no contacts after this chunk
 */
public record SnapshotChunk(int inserted, int suppressed, long lastContactId, boolean done) {}
