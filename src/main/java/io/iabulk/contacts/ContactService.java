package io.iabulk.contacts;

import io.iabulk.contacts.internal.JdbcContactRepository;
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
}
