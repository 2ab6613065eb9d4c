package io.iabulk.contacts;

/** The id of a contact, typed where it crosses modules. */
public record ContactId(long value) {}
