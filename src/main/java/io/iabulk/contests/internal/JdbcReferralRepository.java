package io.iabulk.contests.internal;

import static io.iabulk.contests.internal.JdbcParticipantRepository.ts;

import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralNotice;
import io.iabulk.contests.ReferralReason;
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

    private static final String COLUMNS =
            "id, contest_id, referrer_id, referee_id, status, reason, created_at, decided_at";

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
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        int inserted = jdbc.sql("""
                INSERT INTO referrals (contest_id, referrer_id, referee_id, status, reason, created_at, decided_at)
                VALUES (:contestId, :referrerId, :refereeId, :status, :reason, :now, :decidedAt)
                ON CONFLICT DO NOTHING
                """)
                .param("contestId", contestId)
                .param("referrerId", referrerId)
                .param("refereeId", refereeId)
                .param("status", status.name())
                .param("reason", reason != null ? reason.name() : null)
                .param("now", ts(now))
                .param("decidedAt", status == ReferralStatus.REJECTED ? ts(now) : null)
                .update(key, "id");
        return inserted == 1 ? Optional.of(key.getKey().longValue()) : Optional.empty();
    }

    public Optional<Referral> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM referrals WHERE id = :id")
                .param("id", id)
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
    public List<Referral> list(long contestId, ReferralStatus status, long afterId, int limit) {
        // (contest_id, status, id) serves the review queue; without a status the id order is kept
        return jdbc.sql("SELECT " + COLUMNS + " FROM referrals WHERE contest_id = :contestId AND id > :after"
                        + (status != null ? " AND status = :status" : "")
                        + " ORDER BY id LIMIT :limit")
                .param("contestId", contestId)
                .param("after", afterId)
                .param("status", status != null ? status.name() : null)
                .param("limit", limit)
                .query(JdbcReferralRepository::map)
                .list();
    }

    /** A referrer's referrals that have not counted (pending, flagged, rejected), newest first. */
    public List<ReferralNotice> notices(long referrerId, int limit) {
        return jdbc.sql("""
                SELECT p.first_name, p.last_name, p.email, r.status, r.reason, r.created_at
                FROM referrals r JOIN contest_participants p ON p.id = r.referee_id
                WHERE r.referrer_id = :referrerId AND r.status <> 'CREDITED'
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
                JdbcContestRepository.instant(rs, "decided_at"));
    }
}
