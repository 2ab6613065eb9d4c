package io.iabulk.contests;

import io.iabulk.analytics.Granularity;
import io.iabulk.contests.internal.Confirmations;
import io.iabulk.contests.internal.ContestAnalyticsReport;
import io.iabulk.contests.internal.ContestCatalog;
import io.iabulk.contests.internal.ContestReports;
import io.iabulk.contests.internal.JdbcReferralRepository;
import io.iabulk.contests.internal.Leaderboards;
import io.iabulk.contests.internal.ParticipantViews;
import io.iabulk.contests.internal.Reviews;
import io.iabulk.contests.internal.Signups;
import io.iabulk.platform.Cached;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The contests module's facade: everything the API and the participant pages do with contests. */
@Service
public class ContestService {

    private final ContestCatalog catalog;
    private final Signups signups;
    private final Confirmations confirmations;
    private final Reviews reviews;
    private final ParticipantViews participants;
    private final Leaderboards leaderboards;
    private final ContestReports reports;
    private final JdbcReferralRepository referrals;
    private final ContestAnalyticsReport analytics;
    private final io.iabulk.contests.internal.JdbcContactContests contactContests;
    private final io.iabulk.contests.internal.ReferralRiskAssessor risk;

    ContestService(
            ContestCatalog catalog,
            Signups signups,
            Confirmations confirmations,
            Reviews reviews,
            ParticipantViews participants,
            Leaderboards leaderboards,
            ContestReports reports,
            JdbcReferralRepository referrals,
            ContestAnalyticsReport analytics,
            io.iabulk.contests.internal.JdbcContactContests contactContests,
            io.iabulk.contests.internal.ReferralRiskAssessor risk) {
        this.catalog = catalog;
        this.signups = signups;
        this.confirmations = confirmations;
        this.reviews = reviews;
        this.participants = participants;
        this.leaderboards = leaderboards;
        this.reports = reports;
        this.referrals = referrals;
        this.analytics = analytics;
        this.contactContests = contactContests;
        this.risk = risk;
    }

    public Contest create(NewContest contest) {
        return catalog.create(contest);
    }

    public Contest get(long id) {
        return catalog.requireFresh(id);
    }

    /**
     * A contest as the public pages show it: possibly up to a second old, like {@link
     * #findBySlug}, and read from memory most of the time (a participant's page is read often).
     */
    public Contest getRecent(long id) {
        return catalog.require(id);
    }

    public Optional<Contest> findBySlug(String slug) {
        return catalog.findBySlug(slug);
    }

    /**
     * The id of the contest an API path names: ASCII digits are an id (checked by the call it is
     * passed to), anything else a slug, in any case. No slug is digits only ({@link Slugs#PATTERN}).
     *
     * @throws NotFoundException when no contest has that slug
     * @throws InvalidRequestException when the digits are beyond a long, like any other id
     */
    public long resolve(String idOrSlug) {
        if (Slugs.isId(idOrSlug)) {
            try {
                return Long.parseLong(idOrSlug);
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("id", "must be a valid long or a slug, got '" + idOrSlug + "'");
            }
        }
        return catalog.findBySlug(idOrSlug.toLowerCase(Locale.ROOT))
                .map(Contest::id)
                .orElseThrow(() -> new NotFoundException("Contest", idOrSlug));
    }

    /** Contests newest first; pass the last id of a page as {@code beforeId} for the next. */
    public List<Contest> list(ContestStatus status, Long beforeId, int limit) {
        return catalog.list(status, beforeId, limit);
    }

    /**
     * A page of contests for the console: of one status (null for any), whose name or slug contains
     * {@code text} in any case (null or blank for any), in an order. Pass a contest id of the last
     * page as {@code afterId} for the next one, or of its first row as {@code beforeId} for the one
     * before (rows still come in the asked order).
     */
    public List<Contest> search(
            ContestStatus status,
            String text,
            ContestSort sort,
            boolean descending,
            Long afterId,
            Long beforeId,
            int limit) {
        return catalog.search(status, text, sort, descending, afterId, beforeId, limit);
    }

    /**
     * The totals of several contests in one query, by contest id; a contest without activity has
     * zeros (ids that name no contest too).
     */
    public Map<Long, ContestStats> stats(Collection<Long> contestIds) {
        return reports.stats(contestIds);
    }

    public Contest update(long id, ContestChanges changes) {
        return catalog.update(id, changes);
    }

    public Contest activate(long id) {
        return catalog.transition(id, ContestStatus.DRAFT, ContestStatus.ACTIVE);
    }

    public Contest end(long id) {
        return catalog.transition(id, ContestStatus.ACTIVE, ContestStatus.ENDED);
    }

    /**
     * Joins a person to a contest.
     *
     * @param clientIp the address the signup came from (for the velocity rule)
     * @throws ContestNotAcceptingSignupsException when the contest is not active or outside its
     *     window
     */
    public SignupResult signUp(long contestId, SignupRequest request, String clientIp) {
        return signups.signUp(catalog.require(contestId), request, clientIp);
    }

    /** Follows a confirmation link: confirms the participant and credits their referral, once. */
    public ConfirmationResult confirm(String token) {
        return view(confirmations.confirm(token));
    }

    /**
     * What following a confirmation link would do, changing nothing: {@code AWAITING} for a valid
     * link of a participant not yet confirmed, else what {@link #confirm} would answer.
     */
    public ConfirmationResult confirmation(String token) {
        return view(confirmations.check(token));
    }

    private ConfirmationResult view(Confirmations.Result result) {
        return new ConfirmationResult(
                ConfirmationResult.Outcome.valueOf(result.outcome().name()),
                result.participant().map(p -> participants.byCode(p.referralCode())));
    }

    /**
     * The first name and last initial of the participant whose referral link a visitor of this
     * contest followed ("Jane D."); empty for an unknown code, a code of another contest, or a
     * participant without a first name.
     */
    public Optional<String> inviterName(long contestId, String referralCode) {
        return participants.inviterName(contestId, referralCode);
    }

    /** The contact and links of a participant, for mailing them; empty when there is none. */
    public Optional<ParticipantContact> participantContact(long participantId) {
        return participants.contact(participantId);
    }

    public ParticipantView participant(String referralCode) {
        return participants.byCode(referralCode);
    }

    /**
     * A participant's standing, and whether the leaderboard cache answered its rank (the Redis
     * sorted set, or the in-process ranking when embedded) instead of a count in SQL; the counters
     * are always read from the database.
     */
    public Cached<ParticipantView> cachedParticipant(String referralCode) {
        return participants.cachedByCode(referralCode);
    }

    /**
     * The participations of these contacts in a contest, by contact id; contacts that do not take
     * part are absent. Two queries and one leaderboard round trip per call, whatever the number of
     * contacts: made for rendering a batch of personalised mails.
     *
     * @throws io.iabulk.platform.NotFoundException when the contest does not exist
     */
    public Map<Long, ContestParticipation> participations(long contestId, Collection<Long> contactIds) {
        return participants.ofContacts(catalog.require(contestId), contactIds);
    }

    /**
     * The participation of these contacts over all contests (confirmed participations, credited
     * referrals, first confirmation), by contact id, in one query; contacts that never took part
     * are absent. For engagement features.
     */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public Map<Long, ContactContestFacts> contactFacts(Collection<Long> contactIds) {
        return contactContests.of(contactIds);
    }

    /** The contests a contact takes part in (at most {@code limit}), newest participation first. */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<ContactParticipation> participationsOf(long contactId, int limit) {
        return contactContests.participationsOf(contactId, limit);
    }

    /** The latest 50 referrals of a participant, each with its state and, when not counted, the reason. */
    public List<ReferralNotice> referralNotices(long participantId) {
        return participants.notices(participantId);
    }

    public Leaderboard leaderboard(long contestId, int limit) {
        catalog.require(contestId);
        return leaderboards.recentTop(contestId, limit);
    }

    public ContestStats stats(long contestId) {
        catalog.requireFresh(contestId);
        return reports.stats(contestId);
    }

    /**
     * A contest's signups, confirmations and referral decisions per bucket of [bucket of {@code
     * from}, {@code to}), with its funnel, viral coefficient and top referrers' share.
     *
     * @throws io.iabulk.platform.NotFoundException when the contest does not exist
     */
    public ContestAnalytics analytics(long contestId, Instant from, Instant to, Granularity granularity) {
        catalog.require(contestId);
        return analytics.report(contestId, from, to, granularity);
    }

    /** A contest's referrals, optionally of one status, after the referral id {@code afterId}. */
    public List<Referral> referrals(long contestId, ReferralStatus status, long afterId, int limit) {
        return referralsMatching(contestId, ReferralFilter.of(status), afterId, limit);
    }

    /** A contest's referrals that pass the filter, after the referral id {@code afterId}. */
    public List<Referral> referralsMatching(long contestId, ReferralFilter filter, long afterId, int limit) {
        catalog.requireFresh(contestId);
        return referrals.list(contestId, filter, afterId, limit);
    }

    /**
     * A participant of a contest, unmasked, with the referral that brought them in and its risk.
     *
     * @throws NotFoundException when the contest has no such participant
     */
    public ParticipantDetails participantDetails(long contestId, long participantId) {
        var row = participantIn(contestId, participantId);
        Referral referral = row.referredBy() == null
                ? null
                : referrals.findPair(row.referredBy(), row.id()).orElse(null);
        return new ParticipantDetails(
                row.id(),
                row.contestId(),
                row.email(),
                row.firstName(),
                row.lastName(),
                row.status(),
                row.referralCode(),
                participants.userAgent(row.id()),
                row.referredBy(),
                row.referrals(),
                row.points(),
                row.createdAt(),
                row.confirmedAt(),
                referral,
                referral == null ? null : referral.risk());
    }

    private io.iabulk.contests.internal.ParticipantRow participantIn(long contestId, long participantId) {
        return participants
                .row(participantId)
                .filter(p -> p.contestId() == contestId)
                .orElseThrow(() -> new NotFoundException("Participant", participantId));
    }

    /**
     * A contest's participants matching {@code query}, unmasked, newest first: below the participant
     * id {@code after} (the next page), or just above {@code before} (the page before, still newest
     * first); neither for the first page.
     *
     * @throws NotFoundException when the contest does not exist
     */
    public List<ParticipantSummary> participants(
            long contestId, ParticipantQuery query, Long after, Long before, int limit) {
        return participants.search(contestId, query, after, before, limit);
    }

    /**
     * The referrals a participant made, counted or not, with both people and each one's reason and
     * risk, newest first, below the referral id {@code afterId} (null: from the newest).
     *
     * @throws NotFoundException when the contest has no such participant
     */
    public List<ReferralReview> referralsMadeBy(long contestId, long participantId, Long afterId, int limit) {
        participantIn(contestId, participantId);
        return referrals.reviewsByReferrer(contestId, participantId, afterId, limit);
    }

    /**
     * Operators' decisions on referrals held for review, with the risk they were held with: the
     * labels a learned risk model trains on (docs/decisions/0024). Oldest first; pass the last
     * label's {@code reviewedAt} and {@code referralId} for the next page.
     */
    public List<RiskLabel> riskLabels(Instant after, long afterReferralId, int limit) {
        return risk.labels(after, afterReferralId, limit);
    }

    /** One referral with its decision and risk. */
    public Referral referral(long referralId) {
        return referrals.find(referralId).orElseThrow(() -> new NotFoundException("Referral", referralId));
    }

    /**
     * A contest's referrals of one status with both people, keyset-paged by id: the oldest first
     * (the review queue's order) or the newest first. Pass the last id of a page as {@code afterId}
     * for the next, the first as {@code beforeId} for the one before; rows come in the asked order.
     *
     * @throws io.iabulk.platform.NotFoundException when the contest does not exist
     */
    public List<ReferralReview> referralReviews(
            long contestId, ReferralStatus status, boolean newestFirst, Long afterId, Long beforeId, int limit) {
        return referralReviews(contestId, ReferralFilter.of(status), newestFirst, afterId, beforeId, limit);
    }

    /** {@link #referralReviews(long, ReferralStatus, boolean, Long, Long, int)} by a filter. */
    public List<ReferralReview> referralReviews(
            long contestId, ReferralFilter filter, boolean newestFirst, Long afterId, Long beforeId, int limit) {
        catalog.require(contestId);
        return referrals.reviews(contestId, filter, newestFirst, afterId, beforeId, limit);
    }

    public Referral approveReferral(long referralId) {
        return reviews.approve(referralId);
    }

    public Referral rejectReferral(long referralId) {
        return reviews.reject(referralId);
    }

    public Winners topWinners(long contestId, int limit) {
        catalog.requireFresh(contestId);
        return reports.top(contestId, limit);
    }

    public Winners drawWinners(long contestId, int limit, long seed) {
        catalog.requireFresh(contestId);
        return reports.weightedDraw(contestId, limit, seed);
    }

    /** Active contests whose scheduled end is still ahead, the soonest first (the console's home). */
    public List<Contest> endingSoon(int limit) {
        return catalog.endingSoon(limit);
    }

    /**
     * The review queue across contests: the contests with referrals waiting for review (FLAGGED),
     * the most waiting first, read from the contests' counters (no scan of referrals).
     */
    public List<ReviewBacklog> reviewBacklog(int limit) {
        return reports.reviewBacklog(limit);
    }
}
