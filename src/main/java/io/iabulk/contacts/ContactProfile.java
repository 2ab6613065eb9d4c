package io.iabulk.contacts;

import java.util.Map;

/**
 * What personalisation needs of a contact.
 *
 * @param attributes the contact's own attributes (imported columns, API fields), as strings
 */
public record ContactProfile(
        long id,
        String email,
        String firstName,
        String lastName,
        String timeZone,
        String locale,
        ContactStatus status,
        Map<String, String> attributes) {

    public ContactProfile {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
