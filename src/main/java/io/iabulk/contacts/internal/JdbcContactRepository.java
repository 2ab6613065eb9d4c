package io.iabulk.contacts.internal;

import io.iabulk.contacts.ContactBasics;
import io.iabulk.contacts.ContactProfile;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.SecretTokens;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Contacts in SQL. */
@Repository
public class JdbcContactRepository {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    JdbcContactRepository(JdbcClient jdbc, Clock clock, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> ATTRIBUTES = new TypeReference<>() {};

    private record Known(long id, String firstName, String lastName) {}

    /**
     * The status of a contact being inserted (param {@code :hash}): a suppressed address stays
     * suppressed, with the reason it was suppressed for; an erased one comes back unsubscribed (its
     * data is new, the person's choice not to be mailed is not). A primary-key lookup.
     */
    static final String STATUS_OF_NEW = """
            COALESCE((SELECT CASE reason WHEN 'ERASED' THEN 'UNSUBSCRIBED' ELSE reason END
                      FROM suppressions WHERE email_hash = :hash), 'ACTIVE')""";

    /**
     * Returns the id of the contact with this normalised address, inserting it when there is none.
     * Names fill in the ones the contact lacks; names it has are kept.
     */
    public long ensure(EmailAddress email, String firstName, String lastName) {
        // insert first: a new mailbox (the common case) costs one statement; the unique
        // email_normalized turns the insert of a known (or concurrently inserted) one into a no-op
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                INSERT INTO contacts (email, email_normalized, first_name, last_name, status, created_at, updated_at)
                VALUES (:email, :normalized, :first, :last, %s, :now, :now)
                ON CONFLICT DO NOTHING
                """.formatted(STATUS_OF_NEW))
                .param("email", email.address())
                .param("hash", SecretTokens.sha256Hex(email.normalized()))
                .param("normalized", email.normalized())
                .param("first", firstName)
                .param("last", lastName)
                .param("now", Timestamp.from(Instant.now(clock)))
                .update(key, "id");
        if (inserted == 1) {
            return key.getKey().longValue();
        }
        Known contact = find(email.normalized()).orElseThrow();
        boolean fillFirst = contact.firstName() == null && firstName != null;
        boolean fillLast = contact.lastName() == null && lastName != null;
        if (fillFirst || fillLast) {
            jdbc.sql("""
                    UPDATE contacts SET first_name = :first, last_name = :last, updated_at = :now WHERE id = :id
                    """)
                    .param("id", contact.id())
                    .param("first", fillFirst ? firstName : contact.firstName())
                    .param("last", fillLast ? lastName : contact.lastName())
                    .param("now", Timestamp.from(Instant.now(clock)))
                    .update();
        }
        return contact.id();
    }

    private Optional<Known> find(String normalized) {
        return jdbc.sql("SELECT id, first_name, last_name FROM contacts WHERE email_normalized = :normalized")
                .param("normalized", normalized)
                .query((rs, row) -> new Known(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Profiles by id; one query (ids bound as an array: {@code = ANY} uses the primary key). */
    public Map<Long, ContactProfile> profiles(Collection<Long> ids) {
        Map<Long, ContactProfile> profiles = new HashMap<>();
        if (ids.isEmpty()) {
            return profiles;
        }
        jdbc.sql("""
                SELECT id, email, first_name, last_name, time_zone, locale, status, attributes
                FROM contacts WHERE id = ANY(:ids)
                """).param("ids", ids.toArray(Long[]::new)).query(rs -> {
            ContactProfile profile = new ContactProfile(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    ContactStatus.valueOf(rs.getString(7)),
                    attributes(rs.getString(8)));
            profiles.put(profile.id(), profile);
        });
        return profiles;
    }

    /** Contact ids by normalised address, in one query ({@code = ANY} uses the unique index). */
    public Map<String, Long> idsByNormalizedEmail(Collection<String> normalized) {
        Map<String, Long> ids = new HashMap<>();
        if (!normalized.isEmpty()) {
            jdbc.sql("SELECT email_normalized, id FROM contacts WHERE email_normalized = ANY(:emails)")
                    .param("emails", normalized.toArray(String[]::new))
                    .query(rs -> {
                        ids.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return ids;
    }

    /**
     * The ids of these normalised addresses, erased contacts left out (their address is gone), in
     * one query.
     */
    public Map<String, Long> unerasedIdsByNormalizedEmail(Collection<String> normalized) {
        Map<String, Long> ids = new HashMap<>();
        if (!normalized.isEmpty()) {
            jdbc.sql("""
                    SELECT email_normalized, id FROM contacts
                    WHERE email_normalized = ANY(:emails) AND status <> 'ERASED'
                    """).param("emails", normalized.toArray(String[]::new)).query(rs -> {
                ids.put(rs.getString(1), rs.getLong(2));
            });
        }
        return ids;
    }

    /** A page of ACTIVE contacts with an id above {@code after}, in id order (keyset on the key). */
    public java.util.List<ContactBasics> activeBasics(long after, int limit) {
        return jdbc.sql("""
                SELECT id, email, time_zone, created_at FROM contacts
                WHERE status = 'ACTIVE' AND id > :after ORDER BY id LIMIT :limit
                """)
                .param("after", after)
                .param("limit", limit)
                .query(JdbcContactRepository::basics)
                .list();
    }

    /** These contacts, erased ones left out, in id order. */
    public java.util.List<ContactBasics> basics(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return jdbc.sql("""
                SELECT id, email, time_zone, created_at FROM contacts
                WHERE id = ANY(:ids) AND status <> 'ERASED' ORDER BY id
                """)
                .param("ids", ids.toArray(Long[]::new))
                .query(JdbcContactRepository::basics)
                .list();
    }

    private static ContactBasics basics(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ContactBasics(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant());
    }

    /** Which of these ids have a contact, in one query by primary key. */
    public Set<Long> existing(Collection<Long> ids) {
        Set<Long> found = new HashSet<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id FROM contacts WHERE id = ANY(:ids)")
                    .param("ids", ids.toArray(Long[]::new))
                    .query(rs -> {
                        found.add(rs.getLong(1));
                    });
        }
        return found;
    }

    /**
     * The attribute names of the newest {@code sample} contacts, sorted: what templates and
     * segments can name. A sample, not every name ever stored: reading the attributes of a million
     * contacts on each editor view would cost seconds.
     */
    public java.util.SortedSet<String> attributeNamesOfNewest(int sample) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        // the primary key index read backwards: the newest rows only
        jdbc.sql("SELECT attributes FROM contacts ORDER BY id DESC LIMIT :sample")
                .param("sample", sample)
                .query(rs -> {
                    names.addAll(attributes(rs.getString(1)).keySet());
                });
        return names;
    }

    static Map<String, String> attributes(String json) {
        return json == null || json.isEmpty() ? Map.of() : JSON.readValue(json, ATTRIBUTES);
    }

    /**
     * Sets a suppressing status (keeping an earlier suppression) and records the address hash; true
     * when the contact was ACTIVE and this call changed its status.
     */
    public boolean suppress(long id, ContactStatus reason) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        // the status check makes exactly one of concurrent callers see the change
        boolean changed = jdbc.sql("""
                UPDATE contacts SET status = :status, status_changed_at = :now, updated_at = :now
                WHERE id = :id AND status = 'ACTIVE'
                """)
                        .param("id", id)
                        .param("status", reason.name())
                        .param("now", now)
                        .update()
                == 1;
        jdbc.sql("SELECT email_normalized FROM contacts WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .ifPresent(normalized -> jdbc.sql("""
                                INSERT INTO suppressions (email_hash, reason, created_at)
                                VALUES (:hash, :reason, :now) ON CONFLICT DO NOTHING
                                """)
                        .param("hash", SecretTokens.sha256Hex(normalized))
                        .param("reason", reason.name())
                        .param("now", now)
                        .update());
        if (changed && reason == ContactStatus.UNSUBSCRIBED) {
            events.publishEvent(new io.iabulk.contacts.ContactUnsubscribed(id, now.toInstant()));
        }
        return changed;
    }
}
