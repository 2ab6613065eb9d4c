package io.iabulk.contacts;

import io.iabulk.contacts.internal.ContactEditor;
import io.iabulk.contacts.internal.ContactImporter;
import io.iabulk.contacts.internal.JdbcContactEdits;
import io.iabulk.contacts.internal.JdbcContactRepository;
import io.iabulk.contacts.internal.JdbcContactSearch;
import io.iabulk.contacts.internal.JdbcImportRepository;
import io.iabulk.platform.NotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The contacts module's facade. */
@Service
public class ContactService {

    private final JdbcContactRepository contacts;
    private final JdbcContactEdits reads;
    private final ContactEditor editor;
    private final ContactImporter importer;
    private final JdbcImportRepository imports;
    private final JdbcContactSearch search;
    private final ApplicationEventPublisher events;

    ContactService(
            JdbcContactRepository contacts,
            JdbcContactEdits reads,
            ContactEditor editor,
            ContactImporter importer,
            JdbcImportRepository imports,
            JdbcContactSearch search,
            ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.reads = reads;
        this.editor = editor;
        this.importer = importer;
        this.imports = imports;
        this.search = search;
        this.events = events;
    }

    /**
     * The attribute names in use, as a sample of the newest 500 contacts (sorted): names that only
     * older contacts carry may be missing.
     */
    @Transactional(readOnly = true)
    public java.util.SortedSet<String> attributeNames() {
        return contacts.attributeNamesOfNewest(500);
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
     * Resolves a batch of references to contacts in two queries: the ids of these addresses (by
     * normalised address; unknown ones are absent) and which of these ids exist.
     */
    @Transactional(readOnly = true)
    public ContactLookup lookup(Collection<Long> ids, Collection<EmailAddress> emails) {
        Set<String> normalized = new HashSet<>();
        emails.forEach(email -> normalized.add(email.normalized()));
        return new ContactLookup(contacts.existing(ids), contacts.idsByNormalizedEmail(normalized));
    }

    /** The outcome of {@link #lookup}: existing ids, and contact ids by normalised address. */
    public record ContactLookup(Set<Long> existing, Map<String, Long> byEmail) {

        /** The contact of an address, or null. */
        public Long idOf(EmailAddress email) {
            return byEmail.get(email.normalized());
        }
    }

    /**
     * The contact ids of these addresses, by normalised address (see {@link EmailAddress}), in one
     * query; unknown and erased addresses are absent. For bulk references by address (history
     * imports).
     */
    @Transactional(readOnly = true)
    public Map<String, Long> idsByEmail(Collection<EmailAddress> emails) {
        Set<String> normalized = new HashSet<>();
        emails.forEach(email -> normalized.add(email.normalized()));
        return contacts.unerasedIdsByNormalizedEmail(normalized);
    }

    /**
     * A page of ACTIVE contacts' basics with an id above {@code after}, in id order, in one query:
     * for reading every mailable contact in keyset pages.
     */
    @Transactional(readOnly = true)
    public List<ContactBasics> activeBasics(long after, int limit) {
        return contacts.activeBasics(after, limit);
    }

    /** The basics of these contacts in id order, in one query; erased and unknown ids are absent. */
    @Transactional(readOnly = true)
    public List<ContactBasics> basics(Collection<Long> ids) {
        return contacts.basics(ids);
    }

    /**
     * Stops all mail to a contact: sets its status (unless it is already suppressed for another
     * reason) and adds its address to the suppression list. Idempotent: returns true only when
     * this call changed the contact from {@code ACTIVE} (exactly one of concurrent callers), so a
     * caller counts real changes only.
     */
    @Transactional
    public boolean suppress(ContactId contact, ContactStatus reason) {
        if (reason == ContactStatus.ACTIVE) {
            throw new IllegalArgumentException("ACTIVE is not a suppression reason");
        }
        return contacts.suppress(contact.value(), reason);
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

    /**
     * Erases a contact's personal data, keeping its address hash on the suppression list; the
     * first erasure publishes {@link ContactErased} so other modules delete what they derived.
     */
    @Transactional
    public void erase(long id) {
        if (editor.erase(id)) {
            events.publishEvent(new ContactErased(id));
        }
    }

    /**
     * Contacts with an id above {@code after}, in id order, optionally of one status or one mailbox.
     */
    @Transactional(readOnly = true)
    public List<Contact> list(long after, ContactStatus status, EmailAddress email, int limit) {
        return reads.page(after, status, email == null ? null : email.normalized(), limit);
    }

    /**
     * Starts importing a CSV file already spooled to disk: checks its header now (an unusable
     * header is an {@code InvalidRequestException} and nothing is stored) and processes it in the
     * background. The import deletes the file when it is done; if this method throws, the file is
     * still the caller's.
     *
     * @param status the status every line has unless its own {@code status} cell says otherwise
     *     ({@code unsubscribed}: a previous mailer's file of unsubscribed members); null or blank for
     *     none; an unknown word is an {@code InvalidRequestException}, checked first
     */
    public ContactImport startImport(Path file, String fileName, long size, String status) {
        return importer.start(file, fileName, size, status);
    }

    /** An import and its progress; {@code NotFoundException} when there is none. */
    public ContactImport importOf(long id) {
        return imports.find(id).orElseThrow(() -> new NotFoundException("Import", id));
    }

    /** Receives one rejected line of an import. */
    @FunctionalInterface
    public interface RejectedLines {
        void accept(long line, String email, String reason) throws IOException;
    }

    /** The rejected lines of an import, in line order, streamed. */
    @Transactional(readOnly = true)
    public void rejections(long importId, RejectedLines lines) {
        importOf(importId);
        imports.rejections(importId, lines::accept);
    }

    /**
     * Contacts whose address, first name or last name starts with {@code query} (case ignored; "ada
     * love" is a first and a last name; null or blank: every contact), of one {@code status} (null:
     * any), newest first: the page below the id {@code after}, or the page just above the id {@code
     * before}. Each prefix is an index range at any number of contacts.
     */
    @Transactional(readOnly = true)
    public List<Contact> search(String query, ContactStatus status, Long after, Long before, int limit) {
        return search.search(query, status, after, before, limit);
    }

    /**
     * The attribute names in use, as seen on the newest {@code sample} contacts, sorted: what forms
     * offer to filter or personalise on.
     */
    @Transactional(readOnly = true)
    public List<String> attributeNames(int sample) {
        return search.attributeNames(sample);
    }

    /** The first {@code limit} rejected lines of an import, in line order. */
    @Transactional(readOnly = true)
    public List<RejectedLine> firstRejections(long importId, int limit) {
        importOf(importId);
        return imports.firstRejections(importId, limit);
    }
}
