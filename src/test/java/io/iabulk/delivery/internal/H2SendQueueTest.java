package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.AudienceQuery;
import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.SnapshotChunk;
import io.iabulk.delivery.internal.SendResult.ClaimRef;
import io.iabulk.support.H2Databases;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The queue's SQL on H2 (embedded mode): the claim without SKIP LOCKED behind the in-process lock,
 * the group commit, cancel and the lease reaper, with exact counts.
 */
class H2SendQueueTest {

    private JdbcClient jdbc;
    private SendCounts counts;
    private JdbcSendQueue queue;
    private JdbcSendResults results;
    private JdbcSendCampaigns campaigns;
    private LeaseReaper reaper;
    private VariantCounts variantCounts;
    private VariantAssignments assignments;
    private DataSource dataSource;

    @BeforeEach
    void migrate() {
        dataSource = H2Databases.migrated();
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        jdbc = JdbcClient.create(dataSource);
        counts = new SendCounts(jdbc, new JdbcTemplate(dataSource));
        DeliveryProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("iabulk.delivery.instance-id", "h2")))
                .bindOrCreate("iabulk.delivery", DeliveryProperties.class);
        variantCounts = new VariantCounts(jdbc);
        assignments = new VariantAssignments(jdbc, new JdbcTemplate(dataSource), variantCounts, counts, properties);
        queue = new JdbcSendQueue(jdbc, counts, assignments, transactions, dataSource);
        results = new JdbcSendResults(
                jdbc,
                new JdbcTemplate(dataSource),
                counts,
                variantCounts,
                null,
                new EmailRollups((type, campaign, at, n) -> {}),
                transactions);
        campaigns = new JdbcSendCampaigns(jdbc);
        reaper = new LeaseReaper(
                jdbc, counts, campaigns, transactions, properties, new DeliveryInstance(properties), Clock.systemUTC());
        for (int i = 1; i <= 30; i++) {
            jdbc.sql("""
                    INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                    VALUES (:email, :email, :status, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                    """)
                    .param("email", "h" + i + "@example.com")
                    .param("status", i % 10 == 0 ? "UNSUBSCRIBED" : "ACTIVE")
                    .update();
        }
    }

    @Test
    void queuesABatchOfMessagesInOrderAndSuppressesInactiveContacts() {
        Instant now = Instant.parse("2026-12-10T06:00:00Z");
        long[] ids = queue.enqueueAll(7, new long[] {3, 10, 1}, List.of("{\"n\":3}", "{\"n\":10}", "{\"n\":1}"), now);

        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        List<String> rows = new ArrayList<>();
        for (long id : ids) {
            rows.add(
                    jdbc.sql("SELECT contact_id || ' ' || template_id || ' ' || status || ' ' || COALESCE(context, '-')"
                                    + " FROM email_sends WHERE id = :id")
                            .param("id", id)
                            .query(String.class)
                            .single());
        }
        assertThat(rows).containsExactly("3 7 QUEUED {\"n\":3}", "10 7 SUPPRESSED -", "1 7 QUEUED {\"n\":1}");
        assertThat(queue.enqueueAll(7, new long[0], List.of(), now)).isEmpty();
    }

    @Test
    void plannedRowsKeepTheirTimeAndAreNotClaimedBeforeIt() {
        long campaign = 2;
        AudienceQuery audience = new AudienceQuery("SELECT id, status FROM contacts", Map.of());
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        // contact n is planned n minutes after now
        io.iabulk.delivery.SendTimes times = ids -> {
            Instant[] at = new Instant[ids.length];
            for (int i = 0; i < ids.length; i++) {
                at[i] = now.plusSeconds(60 * ids[i]);
            }
            return at;
        };
        SnapshotChunk chunk = queue.snapshot(campaign, null, audience, 1, 0, 100, now, times);
        assertThat(chunk).isEqualTo(new SnapshotChunk(27, 3, 30, true));
        assertThat(queue.snapshot(campaign, null, audience, 1, 0, 100, now, times)
                        .inserted())
                .as("a chunk snapshotted again inserts nothing twice")
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = 2 AND scheduled_at = next_attempt_at")
                        .query(Long.class)
                        .single())
                .isEqualTo(27);
        campaigns.activate(campaign, null, now);
        assertThat(queue.claim(campaign, 100, "a", now.plusSeconds(3600), now)).isEmpty();
        assertThat(queue.claim(campaign, 100, "a", now.plusSeconds(3600), now.plusSeconds(60 * 5)))
                .extracting(QueuedSend::contactId)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
        assertThat(new JdbcCampaignRecipients(jdbc).scheduled(List.of(campaign), now.plusSeconds(60 * 5)))
                .containsEntry(campaign, 22L);
        assertThat(new JdbcCampaignRecipients(jdbc).page(campaign, "SCHEDULED", null, 0, 100, now.plusSeconds(300)))
                .hasSize(22)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("SCHEDULED"));
        assertThat(new JdbcCampaignRecipients(jdbc).page(campaign, "SENDING", null, 0, 100, now.plusSeconds(300)))
                .extracting(io.iabulk.delivery.CampaignRecipient::email)
                .containsExactly(
                        "h1@example.com", "h2@example.com", "h3@example.com", "h4@example.com", "h5@example.com");
    }

    @Test
    void claimsSendsCancelsAndReapsWithExactCounts() throws Exception {
        long campaign = 1;
        AudienceQuery audience = new AudienceQuery("SELECT id, status FROM contacts", Map.of());
        Instant now = Instant.now();
        SnapshotChunk first = queue.snapshot(campaign, null, audience, 2, 0, 20, now);
        SnapshotChunk second = queue.snapshot(campaign, null, audience, 2, first.lastContactId(), 20, now);
        assertThat(first).isEqualTo(new SnapshotChunk(18, 2, 20, false));
        assertThat(second).isEqualTo(new SnapshotChunk(9, 1, 30, true));
        assertThat(queue.enqueue(1, 5, "{}", now)).isNotNull();
        campaigns.activate(campaign, null, now);

        // two claimers at once get disjoint rows
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<QueuedSend>>> claims = new ArrayList<>();
        for (String me : List.of("a", "b")) {
            Callable<List<QueuedSend>> claim = () -> queue.claim(campaign, 10, me, now.plusSeconds(60), now);
            claims.add(pool.submit(claim));
        }
        Set<Long> claimed = new HashSet<>();
        int total = 0;
        for (Future<List<QueuedSend>> claim : claims) {
            for (QueuedSend send : claim.get()) {
                claimed.add(send.sendId());
                total++;
            }
        }
        pool.shutdown();
        assertThat(total).isEqualTo(20).isEqualTo(claimed.size());
        assertThat(queue.claim(null, 10, "a", now.plusSeconds(60), now))
                .singleElement()
                .satisfies(send -> {
                    assertThat(send.campaignId()).isNull();
                    assertThat(send.templateId()).isEqualTo(5);
                    assertThat(send.context()).isEqualTo("{}");
                });

        // "a" records its results; "b" dies with its lease
        List<QueuedSend> mine = jdbc.sql(
                        "SELECT id, contact_id FROM email_sends WHERE leased_by = 'a' AND campaign_id = 1")
                .query((rs, row) -> new QueuedSend(rs.getLong(1), campaign, rs.getLong(2), 0, 0, 1, null))
                .list();
        List<SendResult> written = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            ClaimRef ref = ClaimRef.of(mine.get(i));
            written.add(
                    i == 0
                            ? SendResult.retry(ref, now.plusSeconds(3_600), "451 later")
                            : SendResult.sent(ref, "<id" + i + ">"));
        }
        assertThat(results.write(written, "a", now)).isEqualTo(mine.size());
        assertThat(results.write(written, "a", now)).as("written once").isZero();
        jdbc.sql("UPDATE email_sends SET lease_until = :past WHERE leased_by = 'b' AND status = 'SENDING'")
                .param("past", java.sql.Timestamp.from(now.minusSeconds(1)))
                .update();
        assertThat(reaper.runOnce()).isEqualTo(10);
        Instant later = Instant.now(); // the reaper made the UNKNOWN rows due at its own now
        assertThat(queue.claim(campaign, 50, "c", later.plusSeconds(60), later))
                .as("the rest: never claimed, and the UNKNOWN ones")
                .hasSize(17);
        assertThat(queue.cancel(campaign)).as("only the retry is still queued").isEqualTo(1);

        Map<SendStatus, Long> n = counts.of(campaign);
        assertThat(n.get(SendStatus.SENT)).isEqualTo(mine.size() - 1);
        assertThat(n.get(SendStatus.CANCELLED)).isEqualTo(1);
        assertThat(n.get(SendStatus.SENDING)).isEqualTo(17);
        assertThat(n.get(SendStatus.POSSIBLY_DUPLICATED)).isEqualTo(10);
        assertThat(n.get(SendStatus.SUPPRESSED)).isEqualTo(3);
        assertThat(n.get(SendStatus.QUEUED) + n.get(SendStatus.UNKNOWN)).isZero();
        long rows = jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = 1")
                .query(Long.class)
                .single();
        assertThat(n.get(SendStatus.SENT) + n.get(SendStatus.CANCELLED) + n.get(SendStatus.SENDING))
                .isEqualTo(rows);
    }

    @Test
    void adaptiveRowsGetTheirVariantWhenClaimedAndKeepIt() {
        long campaign = 2;
        AudienceQuery audience = new AudienceQuery("SELECT id, status FROM contacts", Map.of());
        Instant now = Instant.now();
        campaigns.activate(campaign, 60, now);
        campaigns.selectVariants(
                campaign, new io.iabulk.delivery.AdaptiveVariants(3, io.iabulk.delivery.AdaptiveVariants.Goal.OPEN));
        assertThat(queue.snapshot(campaign, null, audience, 3, 0, 100, now).inserted())
                .isEqualTo(27);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = 2 AND variant IS NULL")
                        .query(Long.class)
                        .single())
                .as("no variant before the claim")
                .isEqualTo(27);
        assignments.reseed(1);

        List<QueuedSend> first = queue.claim(campaign, 6, "a", now.plusSeconds(60), now);
        assertThat(first)
                .as("the warm-up (10 %% of 27: 3 rows, then sampling) starts with an even split")
                .extracting(QueuedSend::variant)
                .allMatch(v -> v >= 0 && v < 3)
                .startsWith(0, 1, 2);
        for (QueuedSend send : first) {
            assertThat(jdbc.sql("SELECT variant FROM email_sends WHERE id = :id")
                            .param("id", send.sendId())
                            .query(Integer.class)
                            .single())
                    .isEqualTo(send.variant());
        }
        assertThat(variantCounts.of(campaign, 3))
                .extracting(VariantCounts.Count::assigned)
                .containsExactly(
                        first.stream().filter(s -> s.variant() == 0).count(),
                        first.stream().filter(s -> s.variant() == 1).count(),
                        first.stream().filter(s -> s.variant() == 2).count());

        // a lost lease: the rows come back UNKNOWN and keep their variants
        jdbc.sql("UPDATE email_sends SET status = 'UNKNOWN', next_attempt_at = :now WHERE leased_by = 'a'")
                .param("now", java.sql.Timestamp.from(now.minusSeconds(1)))
                .update();
        List<QueuedSend> again = queue.claim(campaign, 50, "b", now.plusSeconds(60), now);
        assertThat(again).hasSize(27);
        for (QueuedSend send : first) {
            assertThat(again)
                    .filteredOn(s -> s.sendId() == send.sendId())
                    .singleElement()
                    .extracting(QueuedSend::variant)
                    .isEqualTo(send.variant());
        }
        assertThat(variantCounts.of(campaign, 3).stream()
                        .mapToLong(VariantCounts.Count::assigned)
                        .sum())
                .as("each row assigned once")
                .isEqualTo(27);
        List<SendResult> sent = again.stream()
                .map(send -> SendResult.sent(ClaimRef.of(send), null))
                .toList();
        assertThat(results.write(sent, "b", now)).isEqualTo(27);
        assertThat(variantCounts.of(campaign, 3).stream()
                        .mapToLong(VariantCounts.Count::sent)
                        .sum())
                .isEqualTo(27);

        // a human open and a click of one send are counted for its variant, once
        JdbcSendMarks marks = new JdbcSendMarks(jdbc, new JdbcTemplate(dataSource), dataSource, variantCounts);
        QueuedSend opened = again.getFirst();
        assertThat(marks.markOpened(Map.of(opened.sendId(), now))).containsExactly(opened.sendId());
        assertThat(marks.markOpened(Map.of(opened.sendId(), now))).isEmpty();
        assertThat(marks.markClicked(Map.of(opened.sendId(), now))).containsExactly(opened.sendId());
        VariantCounts.Count counted = variantCounts.of(campaign, 3).get(opened.variant());
        assertThat(counted.opened()).isEqualTo(1);
        assertThat(counted.clicked()).isEqualTo(1);
    }
}
