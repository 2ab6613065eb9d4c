package io.iabulk.contacts;

/** Whether a contact may be mailed. Every status but {@code ACTIVE} suppresses all sends. */
public enum ContactStatus {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    COMPLAINED,
    ERASED;

    public boolean mailable() {
        return this == ACTIVE;
    }
}
