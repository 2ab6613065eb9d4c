package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.SendProgress;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A send outcome the database refuses is isolated and dropped by the group committer without
 * sinking the outcomes written with it, and it is not lost: its row stays SENDING under the lease,
 * and the lease path (UNKNOWN, sent again, counted as possibly duplicated) recovers it; one that
 * can never be recorded is sent at most {@code retry.max-attempts} times.
 */
class UnrecordedResultsTest extends DeliveryTestSupport {

    @Autowired
    MeterRegistry meters;

    /** The database refuses any outcome that carries the provider id {@code poison}. */
    @BeforeEach
    void refusePoison() {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_poisoned_outcome() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'this outcome cannot be recorded'; END $$ LANGUAGE plpgsql
                """).update();
        jdbc.sql("""
                CREATE TRIGGER refuse_poisoned_outcome BEFORE UPDATE ON email_sends FOR EACH ROW
                WHEN (NEW.provider_message_id = 'poison') EXECUTE FUNCTION refuse_poisoned_outcome()
                """).update();
    }

    @AfterEach
    void acceptAgain() {
        jdbc.sql("DROP TRIGGER IF EXISTS refuse_poisoned_outcome ON email_sends")
                .update();
    }

    @Test
    void anOutcomeThatCannotBeRecordedLeavesItsRowToTheLeasePathAndTheOthersAreRecorded() {
        Contacts contacts = contacts(5);
        long campaign = startedCampaign(contacts);
        String poisoned = contacts.email(contacts.lo() + 2);
        PoisoningTransport transport = new PoisoningTransport(poisoned, false);
        DeliveryWorker worker = pool("unrecorded-" + contacts.tag(), transport);
        double droppedBefore = dropped();

        assertThat(worker.runOnce()).isEqualTo(5);

        assertThat(rowCounts(campaign)).containsExactlyInAnyOrderEntriesOf(Map.of("SENT", 4L, "SENDING", 1L));
        assertThat(dropped() - droppedBefore).isEqualTo(1);
        long row = jdbc.sql("SELECT id FROM email_sends WHERE campaign_id = :c AND status = 'SENDING'")
                .param("c", campaign)
                .query(Long.class)
                .single();
        assertThat(jdbc.sql("SELECT leased_by FROM email_sends WHERE id = :id")
                        .param("id", row)
                        .query(String.class)
                        .single())
                .as("still claimed, under its lease")
                .isEqualTo("unrecorded-" + contacts.tag());
        assertThat(delivery.progress(campaign).settled()).isFalse();

        // time passes: the lease expires, and the reaper hands the row on
        jdbc.sql("UPDATE email_sends SET lease_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE id = :id")
                .param("id", row)
                .update();
        reaper.runOnce();
        assertThat(queue.status(row)).isEqualTo("UNKNOWN");
        assertThat(worker.runOnce()).isEqualTo(1);

        SendProgress progress = delivery.progress(campaign);
        assertThat(progress.settled()).isTrue();
        assertThat(progress.sent()).isEqualTo(5);
        assertThat(progress.possiblyDuplicated()).isEqualTo(1);
        assertThat(transport.sentTo).filteredOn(poisoned::equals).hasSize(2);
        assertThat(transport.sentTo).hasSize(6);
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void anOutcomeThatCanNeverBeRecordedIsSentAtMostMaxAttemptsTimesThenFails() {
        Contacts contacts = contacts(2);
        long campaign = startedCampaign(contacts);
        String poisoned = contacts.email(contacts.lo());
        PoisoningTransport transport = new PoisoningTransport(poisoned, true);
        DeliveryWorker worker = pool("never-" + contacts.tag(), transport);
        long row = jdbc.sql("SELECT id FROM email_sends WHERE campaign_id = :c AND contact_id = :contact")
                .param("c", campaign)
                .param("contact", contacts.lo())
                .query(Long.class)
                .single();

        worker.runOnce();
        for (int attempt = 1; attempt <= properties.retry().maxAttempts(); attempt++) {
            assertThat(queue.status(row)).as("attempt " + attempt).isEqualTo("SENDING");
            jdbc.sql("UPDATE email_sends SET lease_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE id = :id")
                    .param("id", row)
                    .update();
            reaper.runOnce();
            worker.runOnce();
        }

        assertThat(queue.status(row)).isEqualTo("FAILED");
        assertThat(transport.sentTo)
                .filteredOn(poisoned::equals)
                .hasSize(properties.retry().maxAttempts());
        assertThat(delivery.progress(campaign).settled()).isTrue();
        assertCountsMatchRows(campaign, 0);
    }

    private double dropped() {
        return meters.get("delivery.results.dropped").counter().count();
    }

    /**
     * Accepts every message; the first answer for one recipient (or every one, {@code always})
     * carries the provider id the database refuses, so that outcome cannot be written.
     */
    private static final class PoisoningTransport implements MailTransport {

        final List<String> sentTo = new ArrayList<>();
        private final String poisoned;
        private final boolean always;
        private final AtomicBoolean poisonedOnce = new AtomicBoolean();

        PoisoningTransport(String poisoned, boolean always) {
            this.poisoned = poisoned;
            this.always = always;
        }

        @Override
        public String name() {
            return "poisoning";
        }

        @Override
        public synchronized List<SendOutcome> send(List<Envelope> batch) {
            List<SendOutcome> outcomes = new ArrayList<>();
            for (Envelope envelope : batch) {
                sentTo.add(envelope.mail().to());
                boolean poison = envelope.mail().to().equals(poisoned) && (always || !poisonedOnce.getAndSet(true));
                outcomes.add(SendOutcome.sent(poison ? "poison" : "<" + envelope.sendId() + "@test>"));
            }
            return outcomes;
        }
    }
}
