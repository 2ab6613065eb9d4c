package io.iabulk.contacts.internal;

import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.SecretTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The contacts API's reads and writes of single contacts, in SQL. */
@Repository
public class JdbcContactEdits {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            id, email, first_name, last_name, time_zone, locale, attributes, status, status_changed_at,
            created_at, updated_at""";

    private final JdbcClient jdbc;

    JdbcContactEdits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Contact> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = :id")
                .param("id", id)
                .query(JdbcContactEdits::contact)
                .optional();
    }

    /** The contact, its row locked until the transaction ends (edits read-modify-write it). */
    public Optional<Contact> lock(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(JdbcContactEdits::contact)
                .optional();
    }

    /** The id of the contact of this mailbox (unique index on email_normalized). */
    public OptionalLong idOf(String normalized) {
        return jdbc.sql("SELECT id FROM contacts WHERE email_normalized = :normalized")
                .param("normalized", normalized)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * Inserts a contact unless its mailbox has one (then empty). A suppressed address gets a
     * suppressed status in the same statement.
     */
    public OptionalLong insert(Contact contact, String normalized, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                INSERT INTO contacts (email, email_normalized, first_name, last_name, time_zone, locale, attributes,
                                      status, status_changed_at, created_at, updated_at)
                VALUES (:email, :normalized, :first, :last, :zone, :locale, CAST(:attributes AS JSONB), %s,
                        :now, :now, :now)
                ON CONFLICT DO NOTHING
                """.formatted(JdbcContactRepository.STATUS_OF_NEW))
                .param("email", contact.email())
                .param("normalized", normalized)
                .param("hash", SecretTokens.sha256Hex(normalized))
                .param("first", contact.firstName())
                .param("last", contact.lastName())
                .param("zone", contact.timeZone())
                .param("locale", contact.locale())
                .param("attributes", json(contact.attributes()))
                .param("now", Timestamp.from(now))
                .update(key, "id");
        return inserted == 1 ? OptionalLong.of(key.getKey().longValue()) : OptionalLong.empty();
    }

    /** Writes the profile fields (not the status) of a contact. */
    public void update(Contact contact, Instant now) {
        jdbc.sql("""
                UPDATE contacts SET email = :email, first_name = :first, last_name = :last, time_zone = :zone,
                       locale = :locale, attributes = CAST(:attributes AS JSONB), updated_at = :now
                WHERE id = :id
                """)
                .param("id", contact.id())
                .param("email", contact.email())
                .param("first", contact.firstName())
                .param("last", contact.lastName())
                .param("zone", contact.timeZone())
                .param("locale", contact.locale())
                .param("attributes", json(contact.attributes()))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Makes an unsubscribed contact mailable again: status ACTIVE and its address off the
     * suppression list.
     */
    public void reactivate(long id, EmailAddress email, Instant now) {
        jdbc.sql("""
                UPDATE contacts SET status = 'ACTIVE', status_changed_at = :now, updated_at = :now WHERE id = :id
                """).param("id", id).param("now", Timestamp.from(now)).update();
        jdbc.sql("DELETE FROM suppressions WHERE email_hash = :hash")
                .param("hash", SecretTokens.sha256Hex(email.normalized()))
                .update();
    }

    /**
     * Removes a contact's personal data: its address becomes a placeholder unique to its id (the
     * unique index stays satisfied and the address can be added again), the other fields are
     * emptied, and its address is also blanked in the rejected rows of imports.
     */
    public void erase(long id, String address, Instant now) {
        jdbc.sql("""
                UPDATE contacts SET email = :placeholder, email_normalized = :placeholder, first_name = NULL,
                       last_name = NULL, time_zone = NULL, locale = NULL, attributes = CAST('{}' AS JSONB),
                       status = 'ERASED', status_changed_at = :now, updated_at = :now
                WHERE id = :id
                """)
                .param("id", id)
                .param("placeholder", placeholder(id))
                .param("now", Timestamp.from(now))
                .update();
        // rejected rows are kept per import; an erased address must not survive there either
        jdbc.sql("UPDATE contact_import_rejections SET email = NULL WHERE lower(email) = lower(:email)")
                .param("email", address)
                .update();
    }

    /** What an erased contact's address becomes: not personal, unique per id, never deliverable. */
    public static String placeholder(long id) {
        return "erased-" + id + "@erased.invalid";
    }

    /** A page of contacts after an id, in id order (keyset on the primary key). */
    public List<Contact> page(long after, ContactStatus status, String normalized, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM contacts WHERE id > :after");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (normalized != null) {
            sql.append(" AND email_normalized = :normalized");
        }
        sql.append(" ORDER BY id LIMIT :limit");
        JdbcClient.StatementSpec statement =
                jdbc.sql(sql.toString()).param("after", after).param("limit", limit);
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        if (normalized != null) {
            statement = statement.param("normalized", normalized);
        }
        return statement.query(JdbcContactEdits::contact).list();
    }

    static Contact contact(ResultSet rs, int row) throws SQLException {
        return new Contact(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("time_zone"),
                rs.getString("locale"),
                JdbcContactRepository.attributes(rs.getString("attributes")),
                ContactStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("status_changed_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String json(Map<String, String> attributes) {
        return JSON.writeValueAsString(new TreeMap<>(attributes));
    }
}
