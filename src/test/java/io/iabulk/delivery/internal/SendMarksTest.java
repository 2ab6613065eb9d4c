package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.SendFacts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The first-open/click/conversion marks tracking sets through the delivery facade. */
class SendMarksTest extends DeliveryTestSupport {

    @Test
    void exactlyOneOfManyConcurrentCallersSetsAMark() throws Exception {
        Contacts contacts = contacts(1);
        long campaign = newCampaign();
        delivery.snapshot(campaign, contacts.audience(), 1, 0, 10);
        long send = delivery.latestSend(contacts.lo(), campaign).orElseThrow();
        Instant at = Instant.parse("2026-11-26T10:00:00Z");

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> callers = IntStream.range(0, 16)
                .<Callable<Boolean>>mapToObj(i -> () -> {
                    start.await();
                    return delivery.markOpened(send, at.plusSeconds(i));
                })
                .toList();
        long winners;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Boolean>> results = callers.stream().map(pool::submit).toList();
            start.countDown();
            winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
        }
        assertThat(winners).isEqualTo(1);

        SendFacts facts = delivery.sendFacts(send).orElseThrow();
        assertThat(facts.contactId()).isEqualTo(contacts.lo());
        assertThat(facts.campaignId()).isEqualTo(campaign);
        assertThat(facts.sentAt()).isNull();
        assertThat(facts.openedAt()).isBetween(at, at.plusSeconds(15));
        assertThat(facts.clickedAt()).isNull();

        assertThat(delivery.markClicked(send, at)).isTrue();
        assertThat(delivery.markClicked(send, at.plusSeconds(1))).isFalse();
        assertThat(delivery.markConverted(send, at)).isTrue();
        assertThat(delivery.sendFacts(send).orElseThrow().clickedAt()).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        assertThat(delivery.sendFacts(send).orElseThrow().convertedAt()).isEqualTo(at);
    }

    @Test
    void unknownSendsAndContactsAreEmpty() {
        long campaign = newCampaign();
        assertThat(delivery.sendFacts(Long.MAX_VALUE)).isEmpty();
        assertThat(delivery.latestSend(Long.MAX_VALUE, campaign)).isEmpty();
        assertThat(delivery.markOpened(Long.MAX_VALUE, Instant.now())).isFalse();
    }

    @Test
    void concurrentBatchesSetEachMarkOnceAndSayWhichTheyWon() throws Exception {
        Contacts contacts = contacts(20);
        long campaign = newCampaign();
        delivery.snapshot(campaign, contacts.audience(), 1, 0, 100);
        List<Long> sends = IntStream.range(0, 20)
                .mapToObj(i -> delivery.latestSend(contacts.lo() + i, campaign).orElseThrow())
                .toList();
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(delivery.sendFacts(List.of(sends.get(0), sends.get(1), Long.MAX_VALUE)))
                .containsOnlyKeys(sends.get(0), sends.get(1));

        // eight batches over overlapping halves of the sends
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Set<Long>>> batches = IntStream.range(0, 8)
                .<Callable<Set<Long>>>mapToObj(b -> () -> {
                    Map<Long, Instant> firstAt = new java.util.HashMap<>();
                    for (int i = b % 4; i < sends.size(); i += 2) {
                        firstAt.put(sends.get(i), at.plusSeconds(b));
                    }
                    start.await();
                    return delivery.markClicked(firstAt);
                })
                .toList();
        List<Long> won = new java.util.ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Set<Long>>> results = batches.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Set<Long>> result : results) {
                won.addAll(result.get());
            }
        }
        assertThat(won).as("every send won exactly once").hasSize(20);
        assertThat(new HashSet<>(won)).containsExactlyInAnyOrderElementsOf(sends);
        assertThat(delivery.markClicked(Map.of(sends.get(0), at))).isEmpty();
        assertThat(delivery.markOpened(Map.of(sends.get(0), at, Long.MAX_VALUE, at)))
                .containsExactly(sends.get(0));
    }
}
