package io.iabulk.contacts;

import io.iabulk.contacts.internal.JdbcContactRepository;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The contacts module's facade. */
@Service
public class ContactService {

    private final JdbcContactRepository contacts;

    ContactService(JdbcContactRepository contacts) {
        this.contacts = contacts;
    }

    /**
     * Finds the contact of this mailbox (by normalised address) or creates it. Names are filled in
     * when the contact has none yet; names it already has are kept.
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
}
