package io.iabulk.delivery.internal;

import io.iabulk.analytics.EventTypes;
import io.iabulk.contacts.ContactId;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.delivery.internal.SendCounts.Deltas;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the outcomes of claimed sends: one transaction per group, one batched UPDATE. */
@Repository
public class JdbcSendResults {

    private static final int[] UPDATE_TYPES = {
        Types.VARCHAR,
        Types.INTEGER,
        Types.TIMESTAMP,
        Types.TIMESTAMP,
        Types.VARCHAR,
        Types.VARCHAR,
        Types.BOOLEAN,
        Types.BIGINT
    };

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final SendCounts counts;
    private final VariantCounts variantCounts;
    private final ContactService contacts;
    private final EmailRollups rollups;
    private final TransactionTemplate transactions;

    JdbcSendResults(
            JdbcClient jdbc,
            JdbcTemplate template,
            SendCounts counts,
            VariantCounts variantCounts,
            ContactService contacts,
            EmailRollups rollups,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.counts = counts;
        this.variantCounts = variantCounts;
        this.contacts = contacts;
        this.rollups = rollups;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Records results in one transaction with their count deltas; a hard bounce also suppresses
     * the contact. A result is dropped when its row is no longer this instance's (another instance
     * re-claimed it after the lease expired, or a provider event already settled it). Returns the
     * number of rows written. Once the transaction committed, the accepted and hard-bounced
     * messages are counted in the {@code email.*} rollups.
     */
    public int write(List<SendResult> results, String instanceId, Instant now) {
        if (results.isEmpty()) {
            return 0;
        }
        EmailRollups.Pending rollup = rollups.pending();
        Integer written = transactions.execute(tx -> {
            // lock in id order (concurrent writers and the reaper never deadlock on rows), and read
            // the status each row leaves, for the counts
            Map<Long, SendStatus> was = new HashMap<>();
            Map<Long, Integer> variants = new HashMap<>();
            jdbc.sql("""
                    SELECT id, status, variant FROM email_sends
                    WHERE id = ANY(:ids) AND leased_by = :me AND status IN ('SENDING', 'UNKNOWN')
                    ORDER BY id
                    FOR UPDATE
                    """)
                    .param("ids", results.stream().map(SendResult::sendId).toArray(Long[]::new))
                    .param("me", instanceId)
                    .query(rs -> {
                        was.put(rs.getLong(1), SendStatus.valueOf(rs.getString(2)));
                        variants.put(rs.getLong(1), rs.getObject(3, Integer.class));
                    });
            List<Object[]> updates = new ArrayList<>(was.size());
            Deltas deltas = new Deltas();
            VariantCounts.Deltas sentVariants = new VariantCounts.Deltas();
            Timestamp sentAt = SqlTime.ts(now);
            for (SendResult result : results) {
                SendStatus from = was.remove(result.sendId());
                if (from == null) {
                    continue;
                }
                updates.add(new Object[] {
                    result.status().name(),
                    result.refundAttempt() ? 1 : 0,
                    result.nextAttemptAt() == null ? null : SqlTime.ts(result.nextAttemptAt()),
                    result.status() == SendStatus.SENT ? sentAt : null,
                    storableId(result.providerMessageId()),
                    storableError(result.error()),
                    // a transactional message's context (it may hold a confirmation token) is kept
                    // only while the message may still be rendered: until its final outcome
                    result.status() != SendStatus.QUEUED,
                    result.sendId()
                });
                deltas.move(result.campaignId(), from, result.status());
                if (result.status() == SendStatus.SENT) {
                    sentVariants.sent(result.campaignId(), variants.get(result.sendId()));
                    rollup.add(EventTypes.EMAIL_SENT, result.campaignId(), now, 1);
                    rollup.add(EventTypes.EMAIL_DELIVERED, result.campaignId(), now, 1);
                } else if (result.status() == SendStatus.BOUNCED) {
                    rollup.add(EventTypes.EMAIL_SENT, result.campaignId(), now, 1);
                    rollup.add(EventTypes.EMAIL_BOUNCED, result.campaignId(), now, 1);
                    contacts.suppress(new ContactId(result.contactId()), ContactStatus.BOUNCED);
                }
            }
            if (!updates.isEmpty()) {
                template.batchUpdate("""
                        UPDATE email_sends
                        SET status = ?, attempts = attempts - ?, next_attempt_at = COALESCE(?, next_attempt_at),
                            sent_at = COALESCE(?, sent_at), provider_message_id = COALESCE(?, provider_message_id),
                            error = ?, lease_until = NULL,
                            context = CASE WHEN ? THEN NULL ELSE context END
                        WHERE id = ?
                        """, updates, UPDATE_TYPES);
            }
            variantCounts.apply(sentVariants);
            counts.apply(deltas);
            rollup.countAfterCommit();
            return updates.size();
        });
        return written == null ? 0 : written;
    }

    /**
     * A transport's error text as the column holds it: without NUL (PostgreSQL text cannot hold
     * it, and a remote server chooses these bytes) and at most 1,000 characters. An outcome that
     * could not be written would be sent again at its lease's expiry.
     */
    static String storableError(String error) {
        if (error == null) {
            return null;
        }
        String clean = error.indexOf('\u0000') < 0 ? error : error.replace("\u0000", "");
        return clean.length() <= 1000 ? clean : clean.substring(0, 1000);
    }

    /** A provider's message id, unless it cannot be stored (then provider events match by send id). */
    static String storableId(String id) {
        return id == null || id.length() > 255 || id.indexOf('\u0000') >= 0 ? null : id;
    }
}
