package io.iabulk.delivery.internal;

import io.iabulk.analytics.EventTypes;
import io.iabulk.contacts.ContactId;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.delivery.internal.SendCounts.Deltas;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies provider events (SendGrid webhook) to the send rows and the suppression list. Each event
 * finds its row by send id, else by provider message id; a repeated event changes nothing more.
 * The {@code email.*} rollups count only real changes of a row (its status under the row lock, the
 * first complaint), after the commit.
 */
@Component
class JdbcProviderEvents implements ProviderEventSink {

    private record Row(long id, Long campaignId, long contactId, SendStatus status, Instant sentAt) {}

    private final JdbcClient jdbc;
    private final SendCounts counts;
    private final ContactService contacts;
    private final EmailRollups rollups;
    private final Clock clock;

    JdbcProviderEvents(JdbcClient jdbc, SendCounts counts, ContactService contacts, EmailRollups rollups, Clock clock) {
        this.jdbc = jdbc;
        this.counts = counts;
        this.contacts = contacts;
        this.rollups = rollups;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void apply(List<ProviderEvent> events) {
        Deltas deltas = new Deltas();
        EmailRollups.Pending rollup = rollups.pending();
        for (ProviderEvent event : events) {
            find(event).ifPresent(row -> apply(event, row, deltas, rollup));
        }
        counts.apply(deltas);
        rollup.countAfterCommit();
    }

    private void apply(ProviderEvent event, Row row, Deltas deltas, EmailRollups.Pending rollup) {
        Instant when = event.at() != null ? event.at() : clock.instant();
        Timestamp at = SqlTime.ts(when);
        switch (event.type()) {
            case DELIVERED ->
                jdbc.sql("UPDATE email_sends SET delivered_at = COALESCE(delivered_at, :at) WHERE id = :id")
                        .param("at", at)
                        .param("id", row.id())
                        .update();
            case BOUNCED -> {
                if (row.status() != SendStatus.BOUNCED) {
                    settle(row, SendStatus.BOUNCED, event.reason() != null ? event.reason() : "bounced", deltas);
                    countBounce(row, when, rollup);
                }
                contacts.suppress(new ContactId(row.contactId()), ContactStatus.BOUNCED);
            }
            case DROPPED -> {
                if (row.status() != SendStatus.BOUNCED && row.status() != SendStatus.FAILED) {
                    settle(row, SendStatus.FAILED, event.reason() != null ? event.reason() : "dropped", deltas);
                    if (row.status() == SendStatus.SENT) {
                        // no longer sent nor delivered, as in the status counts
                        rollup.add(EventTypes.EMAIL_SENT, row.campaignId(), sentAt(row, when), -1);
                        rollup.add(EventTypes.EMAIL_DELIVERED, row.campaignId(), sentAt(row, when), -1);
                    }
                }
            }
            case COMPLAINED -> {
                if (firstComplaint(row, at)) {
                    rollup.add(EventTypes.EMAIL_COMPLAINED, row.campaignId(), when, 1);
                }
                contacts.suppress(new ContactId(row.contactId()), ContactStatus.COMPLAINED);
            }
            case UNSUBSCRIBED -> {
                // only the change from subscribed counts, as for our own unsubscribe link
                if (contacts.suppress(new ContactId(row.contactId()), ContactStatus.UNSUBSCRIBED)) {
                    rollup.add(EventTypes.EMAIL_UNSUBSCRIBED, row.campaignId(), when, 1);
                }
            }
        }
    }

    /**
     * A message accepted earlier was delivered and is not any more: the bounce counts at its time,
     * the delivery is taken back at the original sent time (so performance buckets sum to the
     * summary's delivered). A bounce of a message never recorded as accepted (the webhook was
     * faster than the group commit) counts as sent and bounced, like a bounce at SMTP time.
     */
    private static void countBounce(Row row, Instant when, EmailRollups.Pending rollup) {
        rollup.add(EventTypes.EMAIL_BOUNCED, row.campaignId(), when, 1);
        if (row.status() == SendStatus.SENT) {
            rollup.add(EventTypes.EMAIL_DELIVERED, row.campaignId(), sentAt(row, when), -1);
        } else {
            rollup.add(EventTypes.EMAIL_SENT, row.campaignId(), when, 1);
        }
    }

    private static Instant sentAt(Row row, Instant fallback) {
        return row.sentAt() != null ? row.sentAt() : fallback;
    }

    private boolean firstComplaint(Row row, Timestamp at) {
        return jdbc.sql("UPDATE email_sends SET complained_at = :at WHERE id = :id AND complained_at IS NULL")
                        .param("at", at)
                        .param("id", row.id())
                        .update()
                == 1;
    }

    private void settle(Row row, SendStatus to, String error, Deltas deltas) {
        jdbc.sql("UPDATE email_sends SET status = :status, error = :error, lease_until = NULL WHERE id = :id")
                .param("status", to.name())
                .param("error", JdbcSendResults.storableError(error))
                .param("id", row.id())
                .update();
        deltas.move(row.campaignId(), row.status(), to);
    }

    private Optional<Row> find(ProviderEvent event) {
        // the row is locked so a concurrent committer or a repeated event sees the new status
        if (event.sendId() > 0) {
            return jdbc.sql(
                            "SELECT id, campaign_id, contact_id, status, sent_at FROM email_sends WHERE id = :id FOR UPDATE")
                    .param("id", event.sendId())
                    .query(this::row)
                    .optional();
        }
        if (event.providerMessageId() == null || event.providerMessageId().isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT id, campaign_id, contact_id, status, sent_at FROM email_sends
                WHERE provider_message_id = :pid ORDER BY id LIMIT 1 FOR UPDATE
                """)
                .param("pid", event.providerMessageId())
                .query(this::row)
                .optional();
    }

    private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(
                rs.getLong(1),
                rs.getObject(2) == null ? null : rs.getLong(2),
                rs.getLong(3),
                SendStatus.valueOf(rs.getString(4)),
                rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant());
    }
}
