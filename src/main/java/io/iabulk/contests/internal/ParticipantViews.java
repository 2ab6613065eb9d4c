package io.iabulk.contests.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.Milestone;
import io.iabulk.contests.NextMilestone;
import io.iabulk.contests.ParticipantQuery;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.ParticipantSummary;
import io.iabulk.contests.ParticipantView;
import io.iabulk.contests.ReferralNotice;
import io.iabulk.platform.Cached;
import io.iabulk.platform.NotFoundException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** A participant's own standing: counters from the database, rank from the leaderboard. */
@Component
public class ParticipantViews {

    private final JdbcParticipantRepository participants;
    private final JdbcReferralRepository referrals;
    private final ContestCatalog contests;
    private final Leaderboards leaderboards;
    private final io.iabulk.platform.PublicUrls urls;
    private final JdbcParticipantSearch search;
    private final Cache<String, Inviter> inviters = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    ParticipantViews(
            JdbcParticipantRepository participants,
            JdbcReferralRepository referrals,
            ContestCatalog contests,
            Leaderboards leaderboards,
            io.iabulk.platform.PublicUrls urls,
            JdbcParticipantSearch search) {
        this.participants = participants;
        this.search = search;
        this.referrals = referrals;
        this.contests = contests;
        this.leaderboards = leaderboards;
        this.urls = urls;
    }

    /**
     * Who invited a visitor who came with {@code referralCode}: the referrer's first name and the
     * initial of their last name, nothing more (no address, however masked); empty when the code is
     * unknown, of another contest, or its participant gave no first name. Cached briefly: a shared
     * link brings the same code thousands of times.
     */
    public Optional<String> inviterName(long contestId, String referralCode) {
        return inviters.get(
                        referralCode.toLowerCase(Locale.ROOT),
                        code -> participants
                                .findByCode(code)
                                .map(row -> new Inviter(
                                        row.contestId(),
                                        DisplayNames.firstNameAndInitial(row.firstName(), row.lastName())))
                                .orElse(Inviter.NONE))
                .nameIn(contestId);
    }

    private record Inviter(long contestId, String name) {
        static final Inviter NONE = new Inviter(-1, null);

        Optional<String> nameIn(long contest) {
            return contest == contestId ? Optional.ofNullable(name) : Optional.empty();
        }
    }

    /** See {@link io.iabulk.contests.ContestService#participantContact}. */
    public Optional<io.iabulk.contests.ParticipantContact> contact(long participantId) {
        return participants.find(participantId).map(row -> row.contact(contests.require(row.contestId()), urls));
    }

    /** A participant's row by id. */
    public java.util.Optional<ParticipantRow> row(long participantId) {
        return participants.find(participantId);
    }

    /** See {@link io.iabulk.contests.ContestService#participants}. */
    public List<ParticipantSummary> search(long contestId, ParticipantQuery query, Long after, Long before, int limit) {
        Contest contest = contests.require(contestId);
        List<ParticipantRow> rows = search.search(contestId, query, after, before, limit);
        // the referrers' addresses, one primary-key read for the page
        Map<Long, String> referrers = new HashMap<>();
        participants
                .findAll(rows.stream()
                        .map(ParticipantRow::referredBy)
                        .filter(java.util.Objects::nonNull)
                        .collect(java.util.stream.Collectors.toSet()))
                .forEach(referrer -> referrers.put(referrer.id(), referrer.email()));
        return rows.stream()
                .map(row -> row.summary(contest, referrers.get(row.referredBy())))
                .toList();
    }

    /** The user agent a participant signed up with, or null. */
    public String userAgent(long participantId) {
        return participants.userAgent(participantId);
    }

    public ParticipantView byCode(String referralCode) {
        return cachedByCode(referralCode).value();
    }

    /** A participant's standing; a hit when its rank came from the leaderboard store, not SQL. */
    public Cached<ParticipantView> cachedByCode(String referralCode) {
        JdbcParticipantRepository.WithOpenReferrals found = participants
                .findWithOpenReferralsByCode(referralCode.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("Participant with referral code", referralCode));
        ParticipantRow row = found.participant();
        Contest contest = contests.require(row.contestId());
        // an unconfirmed participant has no place yet (rank 0); asking the store for one it does not
        // hold would mark the contest's board stale
        Cached<Long> rank = row.status() == ParticipantStatus.CONFIRMED
                ? leaderboards.rank(contest.id(), row.standing())
                : new Cached<>(0L, true);
        ParticipantView view = new ParticipantView(
                row.id(),
                contest.id(),
                row.displayName(),
                row.referralCode(),
                contest.referralUrl(row.referralCode()),
                row.status(),
                row.referrals(),
                row.points(),
                rank.value(),
                next(contest.milestones(), row.referrals()),
                found.pending(),
                found.flagged(),
                found.rejected());
        return new Cached<>(view, rank.hit());
    }

    /** The participations of contacts in a contest, by contact id: one query plus one rank lookup. */
    public Map<Long, ContestParticipation> ofContacts(Contest contest, Collection<Long> contactIds) {
        List<ParticipantRow> rows = participants.findByContacts(contest.id(), contactIds);
        // only confirmed participants have a place (the others rank 0)
        Map<Long, Long> ranks = leaderboards.ranks(
                contest.id(),
                rows.stream()
                        .filter(row -> row.status() == ParticipantStatus.CONFIRMED)
                        .map(ParticipantRow::standing)
                        .toList());
        Map<Long, ContestParticipation> byContact = HashMap.newHashMap(rows.size());
        for (ParticipantRow row : rows) {
            byContact.putIfAbsent(
                    row.contactId(),
                    new ContestParticipation(
                            contest.id(),
                            row.id(),
                            row.contactId(),
                            row.status(),
                            row.referralCode(),
                            contest.referralUrl(row.referralCode()),
                            ranks.getOrDefault(row.id(), 0L),
                            row.referrals(),
                            row.points(),
                            next(contest.milestones(), row.referrals())));
        }
        return byContact;
    }

    /** The referrals of a participant that did not (yet) count, with their reasons. */
    public List<ReferralNotice> notices(long participantId) {
        return referrals.notices(participantId, 50);
    }

    static NextMilestone next(List<Milestone> milestones, int referrals) {
        for (Milestone m : milestones) {
            if (m.referrals() > referrals) {
                return new NextMilestone(m.referrals(), m.reward(), m.referrals() - referrals);
            }
        }
        return null;
    }
}
