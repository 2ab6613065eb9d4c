package io.iabulk.contacts;

/**
 * A line of an import file that was not imported.
 *
 * @param line the physical line where the record starts (the header is line 1)
 * @param email the address the line held, as written (null when it held none, or was erased since)
 * @param reason why it was rejected
 */
public record RejectedLine(long line, String email, String reason) {}
