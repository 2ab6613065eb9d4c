package io.iabulk.contacts;

/**
 * A contact's personal data was erased (its address hash stays on the suppression list). Modules
 * that keep data derived from the person (engagement history, predictions) delete theirs on it.
 */
public record ContactErased(long contactId) {}
