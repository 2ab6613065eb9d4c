package io.iabulk.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.contacts.ContactBasics;
import io.iabulk.support.H2Databases;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The bulk reads engagement features make of contacts, on H2 (embedded mode): ids by address
 * without erased contacts, keyset pages of active ones, basics by id without erased ones.
 */
class H2ContactBasicsTest {

    private final JdbcClient jdbc = JdbcClient.create(H2Databases.migrated());
    private final JdbcContactRepository contacts = new JdbcContactRepository(jdbc, Clock.systemUTC(), event -> {});

    @Test
    void readsActiveContactsInPagesAndLeavesErasedOnesOut() {
        long ada = contact("ada@example.com", "ACTIVE", "Europe/Paris");
        long bob = contact("bob@example.com", "UNSUBSCRIBED", null);
        long cy = contact("cy@example.com", "ERASED", null);
        long di = contact("di@example.com", "ACTIVE", null);
        long ed = contact("ed@example.com", "ACTIVE", null);

        assertThat(contacts.unerasedIdsByNormalizedEmail(
                        List.of("ada@example.com", "bob@example.com", "cy@example.com", "zz@example.com")))
                .containsOnlyKeys("ada@example.com", "bob@example.com")
                .containsEntry("ada@example.com", ada);
        List<ContactBasics> first = contacts.activeBasics(0, 2);
        assertThat(first).extracting(ContactBasics::id).containsExactly(ada, di);
        assertThat(first.getFirst().timeZone()).isEqualTo("Europe/Paris");
        assertThat(first.getFirst().email()).isEqualTo("ada@example.com");
        assertThat(contacts.activeBasics(di, 2)).extracting(ContactBasics::id).containsExactly(ed);
        assertThat(contacts.basics(List.of(ed, cy, bob, ada)))
                .extracting(ContactBasics::id)
                .containsExactly(ada, bob, ed);
        assertThat(contacts.basics(List.of())).isEmpty();
    }

    private long contact(String email, String status, String zone) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, time_zone, created_at, updated_at)
                        VALUES (:e, :e, :status, :zone, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        """)
                .param("e", email)
                .param("status", status)
                .param("zone", zone)
                .update(key, "id");
        return key.getKey().longValue();
    }
}
