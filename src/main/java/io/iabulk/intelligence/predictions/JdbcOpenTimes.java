package io.iabulk.intelligence.predictions;

import io.iabulk.delivery.ContactSend;
import io.iabulk.delivery.DeliveryService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The first human open times of contacts' messages, imported and our own (through delivery's
 * public service): what send-time optimisation learns a person's reading hour from.
 */
@Repository
class JdbcOpenTimes {

    private final JdbcClient jdbc;
    private final DeliveryService delivery;

    JdbcOpenTimes(JdbcClient jdbc, DeliveryService delivery) {
        this.jdbc = jdbc;
        this.delivery = delivery;
    }

    /** The open times of these contacts, by contact (contacts without opens are absent). */
    Map<Long, List<Instant>> of(Collection<Long> contactIds) {
        Map<Long, List<Instant>> opens = new HashMap<>();
        if (contactIds.isEmpty()) {
            return opens;
        }
        // engagement_history_contact_sent: each contact's rows are one index range
        jdbc.sql("""
                SELECT contact_id, opened_at FROM engagement_history
                WHERE contact_id = ANY(:ids) AND opened_at IS NOT NULL
                """).param("ids", contactIds.toArray(Long[]::new)).query(rs -> {
            opens.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(rs.getTimestamp(2).toInstant());
        });
        delivery.sentTo(contactIds).forEach((contact, sends) -> {
            for (ContactSend send : sends) {
                if (send.openedAt() != null) {
                    opens.computeIfAbsent(contact, k -> new ArrayList<>()).add(send.openedAt());
                }
            }
        });
        return opens;
    }
}
