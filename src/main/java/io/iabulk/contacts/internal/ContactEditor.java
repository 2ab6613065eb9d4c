package io.iabulk.contacts.internal;

import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactChanges;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The rules of creating, changing and erasing contacts through the API. Callers hold a
 * transaction; every edit locks the contact's row first.
 *
 * <p>Status changes an operator may make: {@code ACTIVE → UNSUBSCRIBED} (the address joins the
 * suppression list) and {@code UNSUBSCRIBED → ACTIVE} (it leaves it: the person opted in again).
 * {@code BOUNCED} and {@code COMPLAINED} come from delivery and are final, as is {@code ERASED}
 * (reached by DELETE): changing them is a 409.
 */
@Component
public class ContactEditor {

    private final JdbcContactEdits contacts;
    private final JdbcContactRepository suppression;
    private final Clock clock;

    ContactEditor(JdbcContactEdits contacts, JdbcContactRepository suppression, Clock clock) {
        this.contacts = contacts;
        this.suppression = suppression;
        this.clock = clock;
    }

    /** The outcome of an upsert: the contact as stored and whether it is new. */
    public record Upserted(Contact contact, boolean created) {}

    public Contact get(long id) {
        return contacts.find(id).orElseThrow(() -> new NotFoundException("Contact", id));
    }

    /** Creates the contact of this mailbox, or applies the changes to the one it has. */
    public Upserted upsert(ContactChanges changes) {
        EmailAddress email = changes.email();
        Instant now = Instant.now(clock);
        Contact fresh = apply(blank(email), changes);
        OptionalLong inserted = contacts.insert(fresh, email.normalized(), now);
        if (inserted.isPresent()) {
            return new Upserted(get(inserted.getAsLong()), true);
        }
        long id = contacts.idOf(email.normalized())
                .orElseThrow(() -> new IllegalStateException("contact vanished: " + email.normalized()));
        return new Upserted(update(id, changes), false);
    }

    /** Applies the changes to an existing contact. */
    public Contact update(long id, ContactChanges changes) {
        Contact contact = contacts.lock(id).orElseThrow(() -> new NotFoundException("Contact", id));
        if (contact.status() == ContactStatus.ERASED) {
            throw new ConflictException("contact-erased", "Contact " + id + " is erased and cannot be changed");
        }
        EmailAddress current = EmailAddress.parse(contact.email());
        if (changes.email() != null && !changes.email().normalized().equals(current.normalized())) {
            throw new InvalidRequestException(
                    "email", "identifies the contact and cannot become another mailbox; create a new contact");
        }
        ContactStatus target = changes.status();
        if (target != null && target != contact.status()) {
            checkTransition(contact, target);
        }
        Instant now = Instant.now(clock);
        contacts.update(apply(contact, changes), now);
        if (target == ContactStatus.UNSUBSCRIBED && contact.status() == ContactStatus.ACTIVE) {
            suppression.suppress(id, ContactStatus.UNSUBSCRIBED);
        } else if (target == ContactStatus.ACTIVE && contact.status() == ContactStatus.UNSUBSCRIBED) {
            contacts.reactivate(id, current, now);
        }
        return get(id);
    }

    private static void checkTransition(Contact contact, ContactStatus target) {
        boolean allowed = (contact.status() == ContactStatus.ACTIVE && target == ContactStatus.UNSUBSCRIBED)
                || (contact.status() == ContactStatus.UNSUBSCRIBED && target == ContactStatus.ACTIVE);
        if (!allowed) {
            throw new ConflictException(
                    "status-transition",
                    "Contact " + contact.id() + " is " + contact.status() + " and cannot become " + target
                            + "; only ACTIVE <-> UNSUBSCRIBED may be set, BOUNCED and COMPLAINED are final");
        }
    }

    /**
     * Erases a contact's personal data and keeps its address on the suppression list (as a hash).
     * Erasing an erased contact does nothing. Returns whether this call erased it.
     */
    public boolean erase(long id) {
        Contact contact = contacts.lock(id).orElseThrow(() -> new NotFoundException("Contact", id));
        if (contact.status() == ContactStatus.ERASED) {
            return false;
        }
        // the hash goes in while the address is still there; an earlier reason (bounced, ...) is kept
        suppression.suppress(id, ContactStatus.ERASED);
        contacts.erase(id, contact.email(), Instant.now(clock));
        return true;
    }

    private static Contact blank(EmailAddress email) {
        return new Contact(
                0, email.address(), null, null, null, null, Map.of(), ContactStatus.ACTIVE, null, null, null);
    }

    /** The contact with the changes applied: sent fields replace, cleared fields empty, others stay. */
    static Contact apply(Contact contact, ContactChanges changes) {
        var cleared = changes.cleared();
        Map<String, String> attributes =
                new TreeMap<>(cleared.contains("attributes") ? Map.of() : contact.attributes());
        changes.attributes().forEach((name, value) -> {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        });
        return new Contact(
                contact.id(),
                changes.email() != null ? changes.email().address() : contact.email(),
                pick(changes.firstName(), contact.firstName(), cleared.contains("firstName")),
                pick(changes.lastName(), contact.lastName(), cleared.contains("lastName")),
                pick(changes.timeZone(), contact.timeZone(), cleared.contains("timeZone")),
                pick(changes.locale(), contact.locale(), cleared.contains("locale")),
                attributes,
                contact.status(),
                contact.statusChangedAt(),
                contact.createdAt(),
                contact.updatedAt());
    }

    private static String pick(String sent, String stored, boolean clear) {
        return sent != null ? sent : clear ? null : stored;
    }
}
