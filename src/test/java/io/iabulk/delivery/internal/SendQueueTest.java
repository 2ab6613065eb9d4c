package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MessageRenderer;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.SendProgress;
import io.iabulk.delivery.SnapshotChunk;
import io.iabulk.platform.NotFoundException;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ApplicationContext;

/** The queue's SQL: snapshots, transactional messages, pause, cancel, lease expiry, provider events. */
class SendQueueTest extends DeliveryTestSupport {

    @Autowired
    MailTransport greenMail;

    @Autowired
    ProviderEventSink events;

    @Test
    void snapshotsTheAudienceInChunksAndCountsSuppressedContactsWithoutRows() {
        Contacts contacts = contacts(25);
        setContactStatus(contacts.lo() + 2, "UNSUBSCRIBED");
        setContactStatus(contacts.lo() + 11, "BOUNCED");
        setContactStatus(contacts.lo() + 24, "ERASED");
        long campaign = newCampaign();

        List<SnapshotChunk> chunks = new ArrayList<>();
        long after = 0;
        do {
            SnapshotChunk chunk = delivery.snapshot(campaign, contacts.audience(), 3, after, 10);
            chunks.add(chunk);
            after = chunk.lastContactId();
        } while (!chunks.getLast().done());

        assertThat(chunks)
                .extracting(SnapshotChunk::inserted, SnapshotChunk::suppressed, SnapshotChunk::lastContactId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(9, 1, contacts.lo() + 9),
                        org.assertj.core.groups.Tuple.tuple(9, 1, contacts.lo() + 19),
                        org.assertj.core.groups.Tuple.tuple(4, 1, contacts.hi()));
        assertThat(chunks.getLast().done()).isTrue();
        // the variant is the contact id mod the number of variants
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND variant <> MOD(contact_id, 3)")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND contact_id = :id")
                        .param("c", campaign)
                        .param("id", contacts.lo() + 2)
                        .query(Long.class)
                        .single())
                .isZero();

        SendProgress progress = delivery.progress(campaign);
        assertThat(progress.total()).isEqualTo(25);
        assertThat(progress.queued()).isEqualTo(22);
        assertThat(progress.suppressed()).isEqualTo(3);
        assertCountsMatchRows(campaign, 3);

        // a chunk snapshotted again (a retried transaction) inserts nothing twice
        assertThat(delivery.snapshot(campaign, contacts.audience(), 3, 0, 10).inserted())
                .isZero();
        assertThat(rowCounts(campaign)).containsEntry("QUEUED", 22L);
    }

    @Test
    void queuesTransactionalMessagesAndSendsThem() {
        Contacts contacts = contacts(2);
        setContactStatus(contacts.hi(), "COMPLAINED");

        long queued = delivery.enqueue(contacts.lo(), 7, "{\"code\":\"abc\"}");
        long suppressed = delivery.enqueue(contacts.hi(), 7, null);

        assertThat(status(queued)).isEqualTo("QUEUED");
        assertThat(status(suppressed)).isEqualTo("SUPPRESSED");
        assertThatThrownBy(() -> delivery.enqueue(Long.MAX_VALUE, 7, null)).isInstanceOf(NotFoundException.class);

        DeliveryWorker worker = pool("tx-" + contacts.tag(), greenMail);
        assertThat(worker.runOnce()).isEqualTo(1);

        List<MimeMessage> received = TestMail.awaitFor(contacts.email(contacts.lo()), 1, Duration.ofSeconds(10));
        assertThat(received).hasSize(1);
        assertThat(status(queued)).isEqualTo("SENT");
        Map<String, Object> row = jdbc.sql(
                        "SELECT attempts, provider_message_id, sent_at, lease_until FROM email_sends WHERE id = :id")
                .param("id", queued)
                .query()
                .singleRow();
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("provider_message_id")).startsWith("<").endsWith(">");
        assertThat(row.get("sent_at")).isNotNull();
        assertThat(row.get("lease_until")).isNull();
        assertThat(TestMail.awaitFor(contacts.email(contacts.hi()), 1, Duration.ofMillis(200)))
                .isEmpty();
    }

    @Test
    void theEngineRunsWorkersThatPickUpQueuedMessagesUntilItStops(
            @Autowired ApplicationContext context, @Autowired DeliveryProperties defaults) {
        Contacts contacts = contacts(1);
        DeliveryProperties two = new Binder(new MapConfigurationPropertySource(Map.of("iabulk.delivery.workers", "2")))
                .bindOrCreate("iabulk.delivery", DeliveryProperties.class);
        DeliveryEngine engine = new DeliveryEngine(
                context.getBeanProvider(MessageRenderer.class),
                context.getBeanProvider(MailTransport.class),
                workers,
                new DeliveryInstance(two),
                two);
        engine.start();
        long id;
        try {
            assertThat(engine.isRunning()).isTrue();
            id = delivery.enqueue(contacts.lo(), 7, null);

            assertThat(TestMail.awaitFor(contacts.email(contacts.lo()), 1, Duration.ofSeconds(20)))
                    .hasSize(1);
        } finally {
            engine.stop();
        }
        assertThat(engine.isRunning()).isFalse();
        assertThat(status(id)).as("written before the engine stopped").isEqualTo("SENT");
        assertThat(defaults.workers()).as("the other tests run their own pools").isZero();
    }

    @Test
    void claimsCarryWhatTheRendererNeeds() {
        Contacts contacts = contacts(3);
        long campaign = newCampaign();
        delivery.snapshot(campaign, contacts.audience(), 2, 0, 100);
        Instant now = Instant.now();

        assertThat(queue.claim(campaign, 10, "claimer", now.plusSeconds(60), now))
                .as("an inactive campaign's rows are not claimed")
                .isEmpty();
        delivery.activate(campaign, null);
        List<QueuedSend> claimed = queue.claim(campaign, 10, "claimer", now.plusSeconds(60), now);

        assertThat(claimed).hasSize(3).allSatisfy(send -> {
            assertThat(send.campaignId()).isEqualTo(campaign);
            assertThat(send.attempt()).isEqualTo(1);
            assertThat(send.variant()).isEqualTo((int) (send.contactId() % 2));
            assertThat(send.context()).isNull();
        });
        assertThat(delivery.progress(campaign).sending()).isEqualTo(3);
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void pauseStopsClaimingAndResumeContinues() {
        Contacts contacts = contacts(120);
        long campaign = startedCampaign(contacts);
        DeliveryWorker worker = pool("pause-" + contacts.tag(), greenMail);

        assertThat(worker.runOnce()).isEqualTo(50);
        delivery.deactivate(campaign);
        assertThat(worker.runOnce()).isZero();
        assertThat(delivery.progress(campaign).queued()).isEqualTo(70);
        assertThat(delivery.progress(campaign).sent()).isEqualTo(50);

        delivery.activate(campaign, null);
        SendProgress progress = drain(worker, campaign, Duration.ofSeconds(60));

        assertThat(progress.sent()).isEqualTo(120);
        assertCountsMatchRows(campaign, 0);
    }

    @Test
    void cancelCancelsTheRowsNotYetSent() {
        Contacts contacts = contacts(80);
        long campaign = startedCampaign(contacts);
        DeliveryWorker worker = pool("cancel-" + contacts.tag(), greenMail);
        assertThat(worker.runOnce()).isEqualTo(50);

        assertThat(delivery.cancel(campaign)).isEqualTo(30);

        assertThat(worker.runOnce()).isZero();
        SendProgress progress = delivery.progress(campaign);
        assertThat(progress.sent()).isEqualTo(50);
        assertThat(progress.cancelled()).isEqualTo(30);
        assertThat(progress.settled()).isTrue();
        assertCountsMatchRows(campaign, 0);
        assertThat(delivery.cancel(campaign)).isZero();
    }

    @Test
    void rowsWhoseLeaseExpiredAreResentAndCountedAsPossiblyDuplicated() {
        Contacts contacts = contacts(10);
        long campaign = startedCampaign(contacts);
        Instant now = Instant.now();
        // an instance claims the rows and dies before recording anything
        assertThat(queue.claim(campaign, 50, "dead-instance", now.minusSeconds(1), now))
                .hasSize(10);
        assertThat(delivery.progress(campaign).sending()).isEqualTo(10);

        // the service's scheduled reaper may have moved them already (they expired at once): what
        // counts is where the rows are afterwards, whichever reaper moved them
        reaper.runOnce();
        assertThat(rowCounts(campaign)).containsExactlyEntriesOf(Map.of("UNKNOWN", 10L));
        assertThat(delivery.progress(campaign).settled()).isFalse();

        SendProgress progress = drain(pool("heir-" + contacts.tag(), greenMail), campaign, Duration.ofSeconds(30));

        assertThat(progress.sent()).isEqualTo(10);
        assertThat(progress.possiblyDuplicated()).isEqualTo(10);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND possibly_duplicated AND attempts = 2")
                        .param("c", campaign)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
        assertCountsMatchRows(campaign, 0);
        for (long id = contacts.lo(); id <= contacts.hi(); id++) {
            assertThat(TestMail.awaitFor(contacts.email(id), 1, Duration.ofSeconds(5)))
                    .hasSize(1);
        }
    }

    @Test
    void providerEventsUpdateTheRowsAndTheSuppressionList() {
        Contacts contacts = contacts(5);
        long campaign = startedCampaign(contacts);
        drain(pool("events-" + contacts.tag(), greenMail), campaign, Duration.ofSeconds(30));
        List<Long> ids = jdbc.sql("SELECT id FROM email_sends WHERE campaign_id = :c ORDER BY contact_id")
                .param("c", campaign)
                .query(Long.class)
                .list();
        String messageId = jdbc.sql("SELECT provider_message_id FROM email_sends WHERE id = :id")
                .param("id", ids.get(1))
                .query(String.class)
                .single();
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        List<ProviderEvent> batch = List.of(
                new ProviderEvent(ProviderEvent.Type.DELIVERED, ids.get(0), null, null, null, at),
                new ProviderEvent(ProviderEvent.Type.BOUNCED, 0, messageId, null, "550 5.1.1 unknown user", at),
                new ProviderEvent(ProviderEvent.Type.DROPPED, ids.get(2), null, null, "Bounced Address", at),
                new ProviderEvent(ProviderEvent.Type.COMPLAINED, ids.get(3), null, null, null, at),
                new ProviderEvent(ProviderEvent.Type.UNSUBSCRIBED, ids.get(4), null, null, null, at),
                new ProviderEvent(ProviderEvent.Type.BOUNCED, Long.MAX_VALUE, null, null, null, at));

        events.apply(batch);
        events.apply(batch); // a repeated delivery of the webhook changes nothing more

        assertThat(jdbc.sql("SELECT delivered_at FROM email_sends WHERE id = :id")
                        .param("id", ids.get(0))
                        .query(java.sql.Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(at);
        assertThat(status(ids.get(0))).isEqualTo("SENT");
        assertThat(status(ids.get(1))).isEqualTo("BOUNCED");
        assertThat(status(ids.get(2))).isEqualTo("FAILED");
        assertThat(contactStatus(contacts.lo())).isEqualTo("ACTIVE");
        assertThat(contactStatus(contacts.lo() + 1)).isEqualTo("BOUNCED");
        assertThat(contactStatus(contacts.lo() + 3)).isEqualTo("COMPLAINED");
        assertThat(contactStatus(contacts.lo() + 4)).isEqualTo("UNSUBSCRIBED");
        SendProgress progress = delivery.progress(campaign);
        assertThat(progress.sent()).isEqualTo(3);
        assertThat(progress.bounced()).isEqualTo(1);
        assertThat(progress.failed()).isEqualTo(1);
        assertCountsMatchRows(campaign, 0);
    }

    private String status(long sendId) {
        return jdbc.sql("SELECT status FROM email_sends WHERE id = :id")
                .param("id", sendId)
                .query(String.class)
                .single();
    }
}
