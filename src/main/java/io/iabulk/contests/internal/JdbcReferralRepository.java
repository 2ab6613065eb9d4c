package io.iabulk.contests.internal;

import static io.iabulk.contests.internal.JdbcParticipantRepository.ts;

import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralFilter;
import io.iabulk.contests.ReferralNotice;
import io.iabulk.contests.ReferralReason;
import io.iabulk.contests.ReferralReview;
import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.ReferralStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Referrals, their decisions, the points ledger and milestone awards, in SQL. */
@Repository
public class JdbcReferralRepository {

    /** A referral with both its people, as operators review it ({@link #review} reads a row). */
    private static final String REVIEW_SELECT = """
            SELECT r.id, r.status, r.reason, r.created_at, r.decided_at,
                   r.risk_score, r.risk_level, r.risk_reasons,
                   a.id, a.email, a.first_name, a.last_name, a.status, a.referrals, a.signup_ip, a.created_at,
                   b.id, b.email, b.first_name, b.last_name, b.status, b.referrals, b.signup_ip, b.created_at
            FROM referrals r
            JOIN contest_participants a ON a.id = r.referrer_id
            JOIN contest_participants b ON b.id = r.referee_id
            """;

    private static final String COLUMNS =
            "id, contest_id, referrer_id, referee_id, status, reason, created_at, decided_at, risk_score, risk_level,"
                    + " risk_reasons";

    private final JdbcClient jdbc;

    JdbcReferralRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a referral; a pair (referrer, referee) is recorded once.
     *
     * @return the id, or empty when the pair was recorded before
     */
    public Optional<Long> insert(
            long contestId,
            long referrerId,
            long refereeId,
            ReferralStatus status,
            ReferralReason reason,
            Instant now) {
        return insert(contestId, referrerId, refereeId, status, reason, null, now);
    }

    /** {@link #insert} with the referral's risk assessment. */
    public Optional<Long> insert(
            long contestId,
            long referrerId,
            long refereeId,
            ReferralStatus status,
            ReferralReason reason,
            ReferralRisk risk,
            Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                INSERT INTO referrals (contest_id, referrer_id, referee_id, status, reason, created_at, decided_at,
                    risk_score, risk_level, risk_reasons)
                VALUES (:contestId, :referrerId, :refereeId, :status, :reason, :now, :decidedAt,
                    :riskScore, :riskLevel, :riskReasons)
                ON CONFLICT DO NOTHING
                """)
                .param("contestId", contestId)
                .param("referrerId", referrerId)
                .param("refereeId", refereeId)
                .param("status", status.name())
                .param("reason", reason != null ? reason.name() : null)
                .param("now", ts(now))
                .param("decidedAt", status == ReferralStatus.REJECTED ? ts(now) : null)
                .param("riskScore", risk != null ? risk.score() : null)
                .param("riskLevel", risk != null ? risk.level().name() : null)
                .param("riskReasons", risk != null ? risk.reasonsText() : null)
                .update(key, "id");
        return inserted == 1 ? Optional.of(key.getKey().longValue()) : Optional.empty();
    }

    public Optional<Referral> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM referrals WHERE id = :id")
                .param("id", id)
                .query(JdbcReferralRepository::map)
                .optional();
    }

    /** The referral of this pair, if any. */
    public Optional<Referral> findPair(long referrerId, long refereeId) {
        // referrals_pair_key
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM referrals WHERE referrer_id = :referrerId AND referee_id = :refereeId")
                .param("referrerId", referrerId)
                .param("refereeId", refereeId)
                .query(JdbcReferralRepository::map)
                .optional();
    }

    /** The referral that brought a participant in and may still count (pending or flagged). */
    public Optional<Referral> findOpenForReferee(long refereeId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM referrals WHERE referee_id = :refereeId AND status IN ('PENDING', 'FLAGGED')")
                .param("refereeId", refereeId)
                .query(JdbcReferralRepository::map)
                .optional();
    }

    /**
     * Moves a referral on; the {@code from} guard makes two concurrent decisions on one referral
     * count once.
     */
    public boolean transition(long id, ReferralStatus from, ReferralStatus to, ReferralReason reason, Instant now) {
        return jdbc.sql("""
                        UPDATE referrals SET status = :to, reason = COALESCE(:reason, reason),
                            decided_at = :now
                        WHERE id = :id AND status = :from
                        """)
                        .param("id", id)
                        .param("from", from.name())
                        .param("to", to.name())
                        .param("reason", reason != null ? reason.name() : null)
                        .param("now", to == ReferralStatus.PENDING ? null : ts(now))
                        .update()
                == 1;
    }

    /** A contest's referrals, optionally of one status, keyset-paged by id. */
    public List<Referral> list(long contestId, ReferralFilter filter, long afterId, int limit) {
        // (contest_id, status, id) serves the review queue, (contest_id, risk_level, id) the watch list
        // and the levels; without a filter the id order is kept
        return jdbc.sql("SELECT " + COLUMNS + " FROM referrals WHERE contest_id = :contestId AND id > :after"
                        + filter.sql("")
                        + " ORDER BY id LIMIT :limit")
                .param("contestId", contestId)
                .param("after", afterId)
                .param("status", filter.status() != null ? filter.status().name() : null)
                .param("level", filter.level() != null ? filter.level().name() : null)
                .param("limit", limit)
                .query(JdbcReferralRepository::map)
                .list();
    }

    /** See {@link io.iabulk.contests.ContestService#referralReviews}; backwards pages come reversed back. */
    public List<ReferralReview> reviews(
            long contestId, ReferralFilter filter, boolean newestFirst, Long afterId, Long beforeId, int limit) {
        boolean backwards = afterId == null && beforeId != null;
        Long anchor = backwards ? beforeId : afterId;
        boolean down = newestFirst != backwards;
        // referrals_contest_status_idx (contest_id, status, id) gives the page in order; the two
        // participants of each of its few rows are primary-key lookups
        List<ReferralReview> page = jdbc.sql(REVIEW_SELECT + " WHERE r.contest_id = :contestId"
                        + filter.sql("r.")
                        + (anchor != null ? (down ? " AND r.id < :anchor" : " AND r.id > :anchor") : "")
                        + (down ? " ORDER BY r.id DESC" : " ORDER BY r.id")
                        + " LIMIT :limit")
                .param("contestId", contestId)
                .param("status", filter.status() != null ? filter.status().name() : null)
                .param("level", filter.level() != null ? filter.level().name() : null)
                .param("anchor", anchor)
                .param("limit", limit)
                .query(JdbcReferralRepository::review)
                .list();
        return backwards ? page.reversed() : page;
    }

    /**
     * See {@link io.iabulk.contests.ContestService#referralsMadeBy}: the referrals a participant
     * made, newest first, below the referral id {@code afterId} (null: from the newest).
     */
    public List<ReferralReview> reviewsByReferrer(long contestId, long referrerId, Long afterId, int limit) {
        // referrals_referrer_status_idx (referrer_id, status): a referrer's few rows, sorted
        return jdbc.sql(REVIEW_SELECT + " WHERE r.referrer_id = :referrer AND r.contest_id = :contestId"
                        + (afterId != null ? " AND r.id < :after" : "")
                        + " ORDER BY r.id DESC LIMIT :limit")
                .param("referrer", referrerId)
                .param("contestId", contestId)
                .param("after", afterId)
                .param("limit", limit)
                .query(JdbcReferralRepository::review)
                .list();
    }

    private static ReferralReview review(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString(3);
        return new ReferralReview(
                rs.getLong(1),
                ReferralStatus.valueOf(rs.getString(2)),
                reason != null ? ReferralReason.valueOf(reason) : null,
                instant(rs, 4),
                instant(rs, 5),
                person(rs, 9),
                person(rs, 17),
                risk(rs, "risk_score", "risk_level", "risk_reasons"));
    }

    private static ReferralReview.Person person(ResultSet rs, int first) throws SQLException {
        String firstName = rs.getString(first + 2);
        String lastName = rs.getString(first + 3);
        String name = java.util.stream.Stream.of(firstName, lastName)
                .filter(n -> n != null && !n.isBlank())
                .collect(java.util.stream.Collectors.joining(" "));
        return new ReferralReview.Person(
                rs.getLong(first),
                rs.getString(first + 1),
                name.isEmpty() ? null : name,
                io.iabulk.contests.ParticipantStatus.valueOf(rs.getString(first + 4)),
                rs.getInt(first + 5),
                rs.getString(first + 6),
                instant(rs, first + 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** A referrer's referrals, counted or not (pending, flagged, rejected), newest first. */
    public List<ReferralNotice> notices(long referrerId, int limit) {
        return jdbc.sql("""
                SELECT p.first_name, p.last_name, p.email, r.status, r.reason, r.created_at
                FROM referrals r JOIN contest_participants p ON p.id = r.referee_id
                WHERE r.referrer_id = :referrerId
                ORDER BY r.id DESC LIMIT :limit
                """)
                .param("referrerId", referrerId)
                .param("limit", limit)
                .query((rs, row) -> new ReferralNotice(
                        DisplayNames.mask(rs.getString(1), rs.getString(2), rs.getString(3)),
                        ReferralStatus.valueOf(rs.getString(4)),
                        rs.getString(5) != null ? ReferralReason.valueOf(rs.getString(5)) : null,
                        JdbcContestRepository.instant(rs, "created_at")))
                .list();
    }

    /** Appends to the points ledger once per source; false when that source was booked before. */
    public boolean book(
            long contestId,
            long participantId,
            int delta,
            String reason,
            Long referralId,
            String sourceKey,
            Instant now) {
        return jdbc.sql("""
                        INSERT INTO points_ledger (contest_id, participant_id, delta, reason, referral_id, source_key, created_at)
                        VALUES (:contestId, :participantId, :delta, :reason, :referralId, :sourceKey, :now)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("contestId", contestId)
                        .param("participantId", participantId)
                        .param("delta", delta)
                        .param("reason", reason)
                        .param("referralId", referralId)
                        .param("sourceKey", sourceKey)
                        .param("now", ts(now))
                        .update()
                == 1;
    }

    /** Records a milestone reached; false when it was recorded before. */
    public boolean award(long contestId, long participantId, int referrals, String reward, Instant now) {
        return jdbc.sql("""
                        INSERT INTO milestone_awards (contest_id, participant_id, referrals, reward, awarded_at)
                        VALUES (:contestId, :participantId, :referrals, :reward, :now)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("contestId", contestId)
                        .param("participantId", participantId)
                        .param("referrals", referrals)
                        .param("reward", reward)
                        .param("now", ts(now))
                        .update()
                == 1;
    }

    static Referral map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("reason");
        return new Referral(
                rs.getLong("id"),
                rs.getLong("contest_id"),
                rs.getLong("referrer_id"),
                rs.getLong("referee_id"),
                ReferralStatus.valueOf(rs.getString("status")),
                reason != null ? ReferralReason.valueOf(reason) : null,
                JdbcContestRepository.instant(rs, "created_at"),
                JdbcContestRepository.instant(rs, "decided_at"),
                risk(rs, "risk_score", "risk_level", "risk_reasons"));
    }

    private static ReferralRisk risk(ResultSet rs, String score, String level, String reasons) throws SQLException {
        double value = rs.getDouble(score);
        return ReferralRisk.stored(rs.wasNull() ? null : value, rs.getString(level), rs.getString(reasons));
    }
}
