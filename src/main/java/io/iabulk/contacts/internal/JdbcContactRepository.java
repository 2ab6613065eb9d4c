package io.iabulk.contacts.internal;

import io.iabulk.contacts.EmailAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Contacts in SQL. */
@Repository
public class JdbcContactRepository {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcContactRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Known(long id, String firstName, String lastName) {}

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
                VALUES (:email, :normalized, :first, :last, 'ACTIVE', :now, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("email", email.address())
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
}
