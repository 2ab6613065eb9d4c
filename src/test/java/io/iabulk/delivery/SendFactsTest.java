package io.iabulk.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the tracking module reads and marks on send rows through {@link DeliveryService}. */
@IntegrationTest
class SendFactsTest {

    @Autowired
    DeliveryService delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void readsASendAndSetsEachFirstTimeOnce() {
        long campaign = ThreadLocalRandom.current().nextLong(5_000_000_000L, 6_000_000_000L);
        Instant sentAt = Instant.parse("2026-11-20T10:00:00Z");
        long send = sentSend(campaign, sentAt);

        SendFacts facts = delivery.sendFacts(send).orElseThrow();
        assertThat(facts.sendId()).isEqualTo(send);
        assertThat(facts.campaignId()).isEqualTo(campaign);
        assertThat(facts.sentAt()).isEqualTo(sentAt);
        assertThat(facts.openedAt()).isNull();
        assertThat(facts.clickedAt()).isNull();
        assertThat(facts.convertedAt()).isNull();

        Instant open = sentAt.plusSeconds(60);
        assertThat(delivery.markOpened(Map.of(send, open))).isNotEmpty();
        assertThat(delivery.markOpened(Map.of(send, open.plusSeconds(5)))).isEmpty();
        assertThat(delivery.markClicked(Map.of(send, open.plusSeconds(10)))).isNotEmpty();
        assertThat(delivery.markClicked(Map.of(send, open.plusSeconds(20)))).isEmpty();
        assertThat(delivery.markConverted(send, open.plusSeconds(30))).isTrue();
        assertThat(delivery.markConverted(send, open.plusSeconds(40))).isFalse();

        SendFacts after = delivery.sendFacts(send).orElseThrow();
        assertThat(after.openedAt()).isEqualTo(open);
        assertThat(after.clickedAt()).isEqualTo(open.plusSeconds(10));
        assertThat(after.convertedAt()).isEqualTo(open.plusSeconds(30));
        assertThat(after.contactId()).isEqualTo(facts.contactId());

        assertThat(delivery.sendFacts(Long.MAX_VALUE)).isEmpty();
        assertThat(delivery.markOpened(Map.of(Long.MAX_VALUE, open))).isEmpty();
    }

    @Test
    void ofManyConcurrentOpensExactlyOneSetsTheFirstOpen() throws Exception {
        long send = sentSend(ThreadLocalRandom.current().nextLong(5_000_000_000L, 6_000_000_000L), Instant.now());
        int callers = 24;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Instant at = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i);
            calls.add(() -> {
                go.await();
                return !delivery.markOpened(Map.of(send, at)).isEmpty();
            });
        }
        List<Future<Boolean>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (Callable<Boolean> call : calls) {
                answers.add(pool.submit(call));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> answer : answers) {
                won += answer.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        }
        assertThat(delivery.sendFacts(send).orElseThrow().openedAt()).isNotNull();
    }

    @Test
    void aMarkJoinsTheCallersTransactionAndRollsBackWithIt() {
        long send = sentSend(ThreadLocalRandom.current().nextLong(5_000_000_000L, 6_000_000_000L), Instant.now());
        TransactionTemplate tx = new TransactionTemplate(transactions);

        tx.executeWithoutResult(status -> {
            assertThat(delivery.markClicked(Map.of(send, Instant.now()))).isNotEmpty();
            status.setRollbackOnly();
        });

        assertThat(delivery.sendFacts(send).orElseThrow().clickedAt()).isNull();
        assertThat(delivery.markClicked(Map.of(send, Instant.now())))
                .as("free again after the rollback")
                .isNotEmpty();
    }

    @Test
    void findsTheSendOfAContactInACampaign() {
        long campaign = ThreadLocalRandom.current().nextLong(5_000_000_000L, 6_000_000_000L);
        long send = sentSend(campaign, Instant.now());
        long contact = delivery.sendFacts(send).orElseThrow().contactId();

        assertThat(delivery.latestSend(contact, campaign)).hasValue(send);
        assertThat(delivery.latestSend(contact, campaign + 1)).isEmpty();
    }

    @Test
    void concurrentBatchesSetEachMarkOnceAndSayWhichTheyWon() throws Exception {
        List<Long> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sends.add(sentSend(ThreadLocalRandom.current().nextLong(5_000_000_000L, 6_000_000_000L), Instant.now()));
        }
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(delivery.sendFacts(List.of(sends.get(0), sends.get(1), Long.MAX_VALUE)))
                .containsOnlyKeys(sends.get(0), sends.get(1));

        // eight batches over overlapping halves of the sends: every send is in four of them
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Set<Long>>> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            Map<Long, Instant> firstAt = new HashMap<>();
            for (int i = b % 2; i < sends.size(); i += 2) {
                firstAt.put(sends.get(i), at.plusSeconds(b));
            }
            batches.add(() -> {
                go.await();
                return delivery.markClicked(firstAt);
            });
        }
        List<Long> won = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Set<Long>>> answers = batches.stream().map(pool::submit).toList();
            go.countDown();
            for (Future<Set<Long>> answer : answers) {
                won.addAll(answer.get());
            }
        }
        assertThat(won).as("every send won exactly once").hasSize(20);
        assertThat(new HashSet<>(won)).containsExactlyInAnyOrderElementsOf(sends);
        assertThat(delivery.markClicked(Map.of(sends.get(0), at))).isEmpty();
        assertThat(delivery.markOpened(Map.of(sends.get(0), at, Long.MAX_VALUE, at)))
                .containsExactly(sends.get(0));
    }

    /** A SENT row of a campaign (no worker claims it) to a new contact. */
    private long sentSend(long campaign, Instant sentAt) {
        String email = CampaignTestData.taggedContacts(jdbc, ContestTestData.unique(), 1)
                .getFirst();
        jdbc.sql("""
                INSERT INTO email_sends (campaign_id, contact_id, status, next_attempt_at, created_at, sent_at)
                SELECT :campaign, id, 'SENT', :at, :at, :at FROM contacts WHERE email = :email
                """)
                .param("campaign", campaign)
                .param("at", java.sql.Timestamp.from(sentAt.truncatedTo(ChronoUnit.MICROS)))
                .param("email", email)
                .update();
        return jdbc.sql("SELECT id FROM email_sends WHERE campaign_id = :campaign")
                .param("campaign", campaign)
                .query(Long.class)
                .single();
    }
}
