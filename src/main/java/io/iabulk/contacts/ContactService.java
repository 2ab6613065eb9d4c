package io.iabulk.contacts;

import io.iabulk.contacts.internal.ContactEditor;
import io.iabulk.contacts.internal.JdbcContactEdits;
import io.iabulk.contacts.internal.JdbcContactRepository;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The contacts module's facade. */
@Service
public class ContactService {

    private final JdbcContactRepository contacts;
    private final JdbcContactEdits reads;
    private final ContactEditor editor;

    ContactService(JdbcContactRepository contacts, JdbcContactEdits reads, ContactEditor editor) {
        this.contacts = contacts;
        this.reads = reads;
        this.editor = editor;
    }

    /**
     * Finds the contact of this mailbox (by normalised address) or creates it. Names are filled in
     * when the contact has none yet; names it already has are kept. A new contact whose address is
     * on the suppression list is created suppressed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ContactId ensure(EmailAddress email, String firstName, String lastName) {
        return new ContactId(contacts.ensure(email, firstName, lastName));
    }

    /**
     * The profiles of these contacts, by id, in one query; ids without a contact are absent.
     * Used to render a batch of sends.
     */
    @Transactional(readOnly = true)
    public Map<Long, ContactProfile> profiles(Collection<Long> ids) {
        return contacts.profiles(ids);
    }

    /**
     * Stops all mail to a contact: sets its status (unless it is already suppressed for another
     * reason) and adds its address to the suppression list. Idempotent.
     */
    @Transactional
    public void suppress(ContactId contact, ContactStatus reason) {
        if (reason == ContactStatus.ACTIVE) {
            throw new IllegalArgumentException("ACTIVE is not a suppression reason");
        }
        contacts.suppress(contact.value(), reason);
    }

    /** The outcome of {@link #upsert}: the stored contact and whether it was created. */
    public record Upserted(Contact contact, boolean created) {}

    /**
     * Creates the contact of this mailbox ({@code changes.email()}, matched by normalised address)
     * or updates the one it has: fields sent replace, fields left out are kept. A new contact whose
     * address is suppressed is created with a suppressed status.
     */
    @Transactional
    public Upserted upsert(ContactChanges changes) {
        ContactEditor.Upserted result = editor.upsert(changes);
        return new Upserted(result.contact(), result.created());
    }

    /** One contact; {@code NotFoundException} when there is none. */
    @Transactional(readOnly = true)
    public Contact get(long id) {
        return editor.get(id);
    }

    /**
     * Changes a contact. The status may go {@code ACTIVE → UNSUBSCRIBED} and back; other
     * transitions are a {@code ConflictException}.
     */
    @Transactional
    public Contact update(long id, ContactChanges changes) {
        return editor.update(id, changes);
    }

    /** Erases a contact's personal data, keeping its address hash on the suppression list. */
    @Transactional
    public void erase(long id) {
        editor.erase(id);
    }

    /**
     * Contacts with an id above {@code after}, in id order, optionally of one status or one mailbox.
     */
    @Transactional(readOnly = true)
    public List<Contact> list(long after, ContactStatus status, EmailAddress email, int limit) {
        return reads.page(after, status, email == null ? null : email.normalized(), limit);
    }
}
