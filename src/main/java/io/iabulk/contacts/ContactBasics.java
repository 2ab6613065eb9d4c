package io.iabulk.contacts;

import java.time.Instant;

/**
 * The few facts of a contact that engagement features need, read in bulk (no attributes).
 *
 * @param email the address as stored
 * @param timeZone its IANA time zone as stored (maybe null or not a valid zone)
 * @param createdAt when it became a contact
 */
public record ContactBasics(long id, String email, String timeZone, Instant createdAt) {}
