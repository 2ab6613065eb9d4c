package io.iabulk.intelligence.history;

import io.iabulk.contacts.ContactBasics;
import io.iabulk.contacts.ContactService;
import io.iabulk.contests.ContactContestFacts;
import io.iabulk.contests.ContestService;
import io.iabulk.delivery.ContactSend;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.PastSend;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The timelines of contacts, read a page at a time with one query per source: the contacts' basics
 * (contacts module), their imported history ({@code engagement_history}, ours), the messages we
 * sent them with their first human open and click (delivery module; tracking sets those marks only
 * for human hits) and their contest facts (contests module). A page of 1,000 contacts costs four
 * queries, whatever the number of sends (docs/decisions/0020).
 */
@Component
public class JdbcEngagementTimelines implements EngagementTimelines {

    /**
     * What the timelines read from the other modules, one call per page (a seam so that a test on
     * H2 can run the timelines' own SQL without the whole application).
     */
    public interface Sources {
        /** A page of active contacts after this id, in id order. */
        List<ContactBasics> activeAfter(long after, int limit);

        /** These contacts, erased ones absent. */
        List<ContactBasics> basics(Collection<Long> ids);

        /** Our sends to these contacts, each list oldest first. */
        Map<Long, List<ContactSend>> sentTo(Collection<Long> ids);

        /** Their contest facts. */
        Map<Long, ContactContestFacts> contests(Collection<Long> ids);
    }

    static final int PAGE = 1000;
    static final int READERS = 2;
    private static final Comparator<PastSend> SEND_ORDER =
            Comparator.comparing(PastSend::sentAt).thenComparing(send -> !send.imported());

    private final Sources sources;
    private final JdbcClient jdbc;

    @Autowired
    JdbcEngagementTimelines(
            ContactService contacts, DeliveryService delivery, ContestService contests, JdbcClient jdbc) {
        this(
                new Sources() {
                    @Override
                    public List<ContactBasics> activeAfter(long after, int limit) {
                        return contacts.activeBasics(after, limit);
                    }

                    @Override
                    public List<ContactBasics> basics(Collection<Long> ids) {
                        return contacts.basics(ids);
                    }

                    @Override
                    public Map<Long, List<ContactSend>> sentTo(Collection<Long> ids) {
                        return delivery.sentTo(ids);
                    }

                    @Override
                    public Map<Long, ContactContestFacts> contests(Collection<Long> ids) {
                        return contests.contactFacts(ids);
                    }
                },
                jdbc);
    }

    public JdbcEngagementTimelines(Sources sources, JdbcClient jdbc) {
        this.sources = sources;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ContactTimeline> of(long contactId) {
        return timelines(sources.basics(List.of(contactId))).stream().findFirst();
    }

    /**
     * Pages are listed on the calling thread (one cheap keyset query each) and assembled by
     * {@value #READERS} reader threads, at most {@value #READERS} + 1 pages ahead of the consumer, which
     * receives them in contact id order on the calling thread: the database and the consumer (the
     * scoring, the training) work at the same time, and memory stays bounded by a few pages.
     */
    @Override
    public void forEachActive(Consumer<ContactTimeline> consumer) {
        ArrayDeque<Future<List<ContactTimeline>>> ahead = new ArrayDeque<>();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(READERS, runnable -> {
            Thread thread = new Thread(runnable, "timelines-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            long after = 0;
            boolean more = true;
            while (true) {
                while (more && ahead.size() <= READERS) {
                    List<ContactBasics> page = sources.activeAfter(after, PAGE);
                    if (page.size() < PAGE) {
                        more = false;
                    }
                    if (page.isEmpty()) {
                        break;
                    }
                    after = page.getLast().id();
                    ahead.add(readers.submit(() -> timelines(page)));
                }
                Future<List<ContactTimeline>> next = ahead.poll();
                if (next == null) {
                    return;
                }
                next.get().forEach(consumer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading timelines", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("could not read timelines", e.getCause());
        } finally {
            ahead.forEach(future -> future.cancel(true));
            readers.shutdownNow();
        }
    }

    private List<ContactTimeline> timelines(List<ContactBasics> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<Long> ids = page.stream().map(ContactBasics::id).toList();
        Map<Long, List<PastSend>> imported = imported(ids.getFirst(), ids.getLast());
        Map<Long, List<ContactSend>> ours = sources.sentTo(ids);
        Map<Long, ContactContestFacts> contestFacts = sources.contests(ids);
        List<ContactTimeline> timelines = new ArrayList<>(page.size());
        for (ContactBasics contact : page) {
            List<PastSend> sends =
                    merge(imported.getOrDefault(contact.id(), List.of()), ours.getOrDefault(contact.id(), List.of()));
            Instant joinedAt = contact.createdAt();
            if (!sends.isEmpty() && sends.getFirst().sentAt().isBefore(joinedAt)) {
                joinedAt = sends.getFirst().sentAt(); // tenure does not restart at the migration
            }
            ContactContestFacts facts = contestFacts.get(contact.id());
            timelines.add(new ContactTimeline(
                    contact.id(),
                    contact.email(),
                    zone(contact.timeZone()),
                    joinedAt,
                    facts == null
                            ? ContactTimeline.ContestFacts.NONE
                            : new ContactTimeline.ContestFacts(
                                    facts.confirmedParticipations(), facts.referrals(), facts.firstConfirmedAt()),
                    sends));
        }
        return timelines;
    }

    /** Both lists are in send order: a merge, imported first on a tie. */
    static List<PastSend> merge(List<PastSend> imported, List<ContactSend> ours) {
        if (ours.isEmpty()) {
            return List.copyOf(imported);
        }
        List<PastSend> sends = new ArrayList<>(imported.size() + ours.size());
        sends.addAll(imported);
        for (ContactSend send : ours) {
            sends.add(new PastSend(
                    send.sentAt(),
                    send.openedAt(),
                    send.clickedAt(),
                    send.openedAt() == null ? 0 : 1,
                    send.clickedAt() == null ? 0 : 1,
                    null,
                    send.bouncedAt(),
                    send.complainedAt(),
                    false));
        }
        sends.sort(SEND_ORDER);
        return List.copyOf(sends);
    }

    /**
     * The imported sends of the contacts from {@code first} to {@code last} (a page is in id order):
     * one range scan of the {@code (contact_id, sent_at)} index; rows of contacts in the range but
     * not in the page (not active) are read and left unused. Each contact's sends are put in send
     * order here: asked of PostgreSQL, that order costs a sort of the page's rows (its rows are not
     * stored in index order, so it prefers a bitmap scan), which took about two thirds of the query's
     * time (25 ms against 8 ms for 19,000 rows; docs/benchmarks.md).
     */
    private Map<Long, List<PastSend>> imported(long first, long last) {
        Map<Long, List<PastSend>> sends = new HashMap<>();
        jdbc.sql("""
                SELECT contact_id, sent_at, opened_at, clicked_at, opens, clicks, unsubscribed_at, bounced_at,
                       complained_at
                FROM engagement_history WHERE contact_id BETWEEN :first AND :last
                """)
                .param("first", first)
                .param("last", last)
                .withFetchSize(10_000)
                .query(rs -> {
                    sends.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
                            .add(new PastSend(
                                    instant(rs, 2),
                                    instant(rs, 3),
                                    instant(rs, 4),
                                    rs.getInt(5),
                                    rs.getInt(6),
                                    instant(rs, 7),
                                    instant(rs, 8),
                                    instant(rs, 9),
                                    true));
                });
        sends.values().forEach(list -> list.sort(SEND_ORDER));
        return sends;
    }

    static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        // read as an OffsetDateTime: no Calendar or default time zone on the way (getTimestamp's)
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
