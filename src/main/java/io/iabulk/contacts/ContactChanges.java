package io.iabulk.contacts;

import java.util.Map;
import java.util.Set;

/**
 * What a request changes on a contact. A field that is null and not named in {@code cleared} is
 * kept as it is; a field named in {@code cleared} is emptied. Attributes merge into the contact's:
 * each entry sets one attribute, an entry with a null value removes it. Values are already
 * validated (see {@code ContactFields}).
 *
 * @param email the address (required to create; on an existing contact it may only change how the
 *     same mailbox is written)
 * @param status the new status, only {@code ACTIVE} or {@code UNSUBSCRIBED}; null keeps it
 * @param cleared names of the fields to empty: {@code firstName}, {@code lastName}, {@code
 *     timeZone}, {@code locale}, {@code attributes}
 */
public record ContactChanges(
        EmailAddress email,
        String firstName,
        String lastName,
        String timeZone,
        String locale,
        Map<String, String> attributes,
        ContactStatus status,
        Set<String> cleared) {

    public ContactChanges {
        // a null attribute value means "remove", so the map may hold nulls: no Map.copyOf
        attributes = attributes == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
    }

    /** The changes of a new contact with only an address. */
    public static ContactChanges of(EmailAddress email) {
        return new ContactChanges(email, null, null, null, null, null, null, null);
    }
}
