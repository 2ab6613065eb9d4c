package io.iabulk.contacts;

/** The state of a CSV import. */
public enum ImportStatus {
    /** Rows are being read, staged or merged; counters grow. */
    RUNNING,
    /** Every valid row is merged into the contacts. */
    FINISHED,
    /** Nothing was merged (the error says why); rejected rows found so far stay listed. */
    FAILED
}
