package io.iabulk.intelligence.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.ContactTimeline.ContestFacts;
import io.iabulk.intelligence.PastSend;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"), ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kathmandu"));

    @Test
    void aFeatureVectorAtTIsTheSameWhenTheTimelineIsCutAtT() {
        SplittableRandom random = new SplittableRandom(13);
        PopulationStats population = PopulationStats.PRIOR;
        int compared = 0;
        for (int contact = 0; contact < 400; contact++) {
            ContactTimeline full = randomTimeline(contact, random);
            for (int k = 0; k < 10; k++) {
                // send times at random, and exactly at the timeline's own event times (the edge)
                Instant t = k < 6 || full.sends().isEmpty()
                        ? START.plusSeconds(random.nextLong(300L * 86400))
                        : someEventTime(full, random);
                float[] whole = features(full, population, t);
                float[] cut = features(cutAt(full, t), population, t);
                assertThat(cut).as("contact %d at %s", contact, t).containsExactly(whole);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(4000);
    }

    @Test
    void theStateReusedAcrossHoursGivesTheSameFeaturesAsAFreshOne() {
        SplittableRandom random = new SplittableRandom(7);
        for (int contact = 0; contact < 100; contact++) {
            ContactTimeline timeline = randomTimeline(contact, random);
            ContactHistory history = new ContactHistory(timeline);
            Features.ContactState state = null;
            Instant from = START.plusSeconds(random.nextLong(300L * 86400));
            for (int hour = 0; hour < 168; hour++) {
                long t = from.plus(Duration.ofHours(hour)).getEpochSecond();
                state = Features.state(history, PopulationStats.PRIOR, t, state);
                float[] reused = new float[Features.COUNT];
                Features.fill(history, state, t, reused, 0);
                assertThat(reused).containsExactly(features(timeline, PopulationStats.PRIOR, Instant.ofEpochSecond(t)));
            }
        }
    }

    @Test
    void anOpenCountsFromItsOwnTimeNotFromTheSend() {
        Instant sent = Instant.parse("2026-03-02T09:00:00Z");
        Instant opened = sent.plus(Duration.ofDays(2));
        ContactTimeline timeline = timeline(List.of(new PastSend(sent, opened, null, 1, 0, null, null, null, true)));
        float[] dayOne = features(timeline, PopulationStats.PRIOR, sent.plus(Duration.ofDays(1)));
        float[] dayThree = features(timeline, PopulationStats.PRIOR, sent.plus(Duration.ofDays(3)));
        int opens = Features.NAMES.indexOf("opens.decayed30");
        int sends = Features.NAMES.indexOf("sends.decayed30");
        assertThat(dayOne[sends]).isPositive();
        assertThat(dayOne[opens]).isZero();
        assertThat(dayThree[opens]).isPositive();
        assertThat(dayOne[Features.NAMES.indexOf("recency.daysSinceOpen")]).isEqualTo((float) Features.NEVER_DAYS);
    }

    @Test
    void theSendHourIsLocalToTheContactsZone() {
        ContactTimeline paris =
                new ContactTimeline(1, "a@orange.fr", ZoneId.of("Europe/Paris"), START, ContestFacts.NONE, List.of());
        float[] row = features(paris, PopulationStats.PRIOR, Instant.parse("2026-07-06T07:30:00Z"));
        assertThat(row[0]).isEqualTo(9.5f); // 09:30 in Paris (summer time)
        assertThat(row[Features.NAMES.indexOf("send.dayOfWeek")]).isZero(); // a Monday
        assertThat(row[Features.NAMES.indexOf("contact.domainClass")]).isEqualTo(DomainClass.LOCAL_PROVIDER.ordinal());
    }

    @Test
    void domainClasses() {
        assertThat(DomainClass.of("x@gmail.com")).isEqualTo(DomainClass.WEBMAIL);
        assertThat(DomainClass.of("x@GMX.de")).isEqualTo(DomainClass.LOCAL_PROVIDER);
        assertThat(DomainClass.of("info@acme.com")).isEqualTo(DomainClass.ROLE);
        assertThat(DomainClass.of("x@cs.stanford.edu")).isEqualTo(DomainClass.EDU);
        assertThat(DomainClass.of("x@ox.ac.uk")).isEqualTo(DomainClass.EDU);
        assertThat(DomainClass.of("x@acme.com")).isEqualTo(DomainClass.CORPORATE);
        assertThat(DomainClass.of("nobody")).isEqualTo(DomainClass.UNKNOWN);
    }

    static float[] features(ContactTimeline timeline, PopulationStats population, Instant t) {
        ContactHistory history = new ContactHistory(timeline);
        long at = t.getEpochSecond();
        float[] row = new float[Features.COUNT];
        Features.fill(history, Features.state(history, population, at, null), at, row, 0);
        return row;
    }

    /** The timeline as it was known at {@code t}: later sends gone, later events of earlier sends gone. */
    static ContactTimeline cutAt(ContactTimeline timeline, Instant t) {
        List<PastSend> sends = new ArrayList<>();
        for (PastSend s : timeline.sends()) {
            if (!s.sentAt().isBefore(t)) {
                continue;
            }
            Instant opened = before(s.openedAt(), t);
            Instant clicked = before(s.clickedAt(), t);
            sends.add(new PastSend(
                    s.sentAt(),
                    opened,
                    clicked,
                    opened == null ? 0 : s.opens(),
                    clicked == null ? 0 : s.clicks(),
                    before(s.unsubscribedAt(), t),
                    before(s.bouncedAt(), t),
                    before(s.complainedAt(), t),
                    s.imported()));
        }
        ContestFacts contests = timeline.contests().firstConfirmedAt() != null
                        && timeline.contests().firstConfirmedAt().isBefore(t)
                ? timeline.contests()
                : ContestFacts.NONE;
        return new ContactTimeline(
                timeline.contactId(), timeline.email(), timeline.timeZone(), timeline.joinedAt(), contests, sends);
    }

    private static Instant before(Instant event, Instant t) {
        return event != null && event.isBefore(t) ? event : null;
    }

    private static Instant someEventTime(ContactTimeline timeline, SplittableRandom random) {
        PastSend s = timeline.sends().get(random.nextInt(timeline.sends().size()));
        List<Instant> times = new ArrayList<>(List.of(s.sentAt(), s.sentAt().plus(Duration.ofHours(72))));
        if (s.openedAt() != null) {
            times.add(s.openedAt());
        }
        if (s.clickedAt() != null) {
            times.add(s.clickedAt());
        }
        return times.get(random.nextInt(times.size()));
    }

    static ContactTimeline timeline(List<PastSend> sends) {
        return new ContactTimeline(1, "a@example.com", ZoneId.of("UTC"), START, ContestFacts.NONE, sends);
    }

    /** A random contact: 0-40 sends over 300 days, opens up to 100 h later, clicks, bounces and the rest. */
    static ContactTimeline randomTimeline(long id, SplittableRandom random) {
        List<PastSend> sends = new ArrayList<>();
        int n = random.nextInt(41);
        double openRate = random.nextDouble();
        for (int i = 0; i < n; i++) {
            Instant sent = START.plusSeconds(random.nextLong(300L * 86400));
            Instant opened = random.nextDouble() < openRate ? sent.plusSeconds(random.nextLong(100L * 3600)) : null;
            Instant clicked = opened != null && random.nextDouble() < 0.3
                    ? opened.plusSeconds(random.nextLong(10L * 3600))
                    : null;
            Instant bounced = random.nextDouble() < 0.03 ? sent.plusSeconds(60) : null;
            Instant complained = random.nextDouble() < 0.02 ? sent.plusSeconds(random.nextLong(86400)) : null;
            Instant unsubscribed = opened != null && random.nextDouble() < 0.03 ? opened.plusSeconds(30) : null;
            sends.add(new PastSend(
                    sent,
                    opened,
                    clicked,
                    opened == null ? 0 : 1,
                    clicked == null ? 0 : 1,
                    unsubscribed,
                    bounced,
                    complained,
                    random.nextBoolean()));
        }
        sends.sort(Comparator.comparing(PastSend::sentAt));
        Instant confirmed = random.nextBoolean() ? START.plusSeconds(random.nextLong(300L * 86400)) : null;
        ContestFacts contests = confirmed == null
                ? ContestFacts.NONE
                : new ContestFacts(1 + random.nextInt(3), random.nextInt(5), confirmed);
        String[] domains = {"gmail.com", "acme.com", "orange.fr", "uni.edu"};
        return new ContactTimeline(
                id,
                "p" + id + "@" + domains[random.nextInt(domains.length)],
                ZONES.get(random.nextInt(ZONES.size())),
                START.minusSeconds(random.nextLong(400L * 86400)),
                contests,
                List.copyOf(sends));
    }
}
