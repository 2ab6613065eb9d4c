package io.iabulk.contacts;

import java.time.Instant;
import java.util.Map;

/**
 * A contact as the API shows it. An erased contact keeps its id and status; its address is a
 * placeholder and every other personal field is empty.
 *
 * @param attributes the contact's own attributes, as strings
 * @param statusChangedAt when the status last changed (null when it never did)
 */
public record Contact(
        long id,
        String email,
        String firstName,
        String lastName,
        String timeZone,
        String locale,
        Map<String, String> attributes,
        ContactStatus status,
        Instant statusChangedAt,
        Instant createdAt,
        Instant updatedAt) {

    public Contact {
        // sorted, so the API shows attributes in a stable order
        attributes = attributes == null
                ? Map.of()
                : java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(attributes));
    }
}
