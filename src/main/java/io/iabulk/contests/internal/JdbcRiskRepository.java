package io.iabulk.contests.internal;

import static io.iabulk.contests.internal.JdbcParticipantRepository.ts;

import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.ReferralStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the referral risk assessment reads and writes, in SQL (docs/decisions/0024). */
@Repository
class JdbcRiskRepository {

    /**
     * One of a referrer's referrals with what the signals look at.
     *
     * @param reviewed whether an operator decided on it (then its risk is never raised again)
     */
    record Sibling(
            long referralId,
            ReferralStatus status,
            String reason,
            ReferralRisk risk,
            boolean reviewed,
            RiskRules.Referee referee,
            String signupIp) {}

    private final JdbcClient jdbc;
    private final boolean postgres;

    JdbcRiskRepository(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = io.iabulk.platform.Databases.isPostgres(dataSource);
    }

    /**
     * The condition that picks a sibling referral for a re-scoring write: on PostgreSQL only when no
     * other transaction holds it (two confirmations of one referrer's referees each re-score the
     * other's referral: waiting could deadlock, and the other transaction assesses that referral
     * itself anyway). H2 (one embedded instance) has no SKIP LOCKED.
     */
    private String unlocked() {
        return postgres ? "id = (SELECT id FROM referrals WHERE id = :id FOR UPDATE SKIP LOCKED)" : "id = :id";
    }

    /** Raises a sibling's stored risk, unless another transaction holds it. */
    void raise(long referralId, ReferralRisk risk) {
        jdbc.sql("UPDATE referrals SET risk_score = :score, risk_level = :level, risk_reasons = :reasons WHERE "
                        + unlocked())
                .param("id", referralId)
                .param("score", risk.score())
                .param("level", risk.level().name())
                .param("reasons", risk.reasonsText())
                .update();
    }

    /** Holds a pending sibling for review because of its risk, unless another transaction holds it. */
    boolean holdSibling(long referralId, ReferralRisk risk) {
        return jdbc.sql("""
                        UPDATE referrals SET status = 'FLAGGED', reason = 'RISK_SCORE', risk_score = :score,
                            risk_level = :level, risk_reasons = :reasons
                        WHERE status = 'PENDING' AND review_decision IS NULL AND """ + " " + unlocked())
                        .param("id", referralId)
                        .param("score", risk.score())
                        .param("level", risk.level().name())
                        .param("reasons", risk.reasonsText())
                        .update()
                == 1;
    }

    private static final String SIBLING = """
            SELECT r.id, r.status, r.reason, r.risk_score, r.risk_level, r.risk_reasons, r.review_decision,
                   p.id AS participant_id, p.email, p.user_agent, p.created_at, p.confirmed_at, p.signup_ip
            FROM referrals r JOIN contest_participants p ON p.id = r.referee_id
            """;

    /** The referrer's most recent referrals with their referees, newest first. */
    List<Sibling> window(long referrerId, int limit) {
        // referrals_referrer_id_idx (referrer_id, id) reads the newest `limit` entries backwards; each
        // referee is a primary-key lookup, so the cost is bounded whatever the size of the tree
        return jdbc.sql(SIBLING + " WHERE r.referrer_id = :referrerId ORDER BY r.id DESC LIMIT :limit")
                .param("referrerId", referrerId)
                .param("limit", limit)
                .query(JdbcRiskRepository::sibling)
                .list();
    }

    /** One referral with its referee, as {@link #window} reads them. */
    java.util.Optional<Sibling> one(long referralId) {
        return jdbc.sql(SIBLING + " WHERE r.id = :id")
                .param("id", referralId)
                .query(JdbcRiskRepository::sibling)
                .optional();
    }

    private static Sibling sibling(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        {
            double score = rs.getDouble("risk_score");
            Double stored = rs.wasNull() ? null : score;
            return new Sibling(
                    rs.getLong("id"),
                    ReferralStatus.valueOf(rs.getString("status")),
                    rs.getString("reason"),
                    ReferralRisk.stored(stored, rs.getString("risk_level"), rs.getString("risk_reasons")),
                    rs.getString("review_decision") != null,
                    new RiskRules.Referee(
                            rs.getLong("participant_id"),
                            rs.getString("email"),
                            rs.getString("user_agent"),
                            instant(rs.getTimestamp("created_at")),
                            instant(rs.getTimestamp("confirmed_at"))),
                    rs.getString("signup_ip"));
        }
    }

    /** Stores a referral's (new) risk. */
    void store(long referralId, ReferralRisk risk) {
        jdbc.sql("""
                        UPDATE referrals SET risk_score = :score, risk_level = :level, risk_reasons = :reasons
                        WHERE id = :id
                        """)
                .param("id", referralId)
                .param("score", risk.score())
                .param("level", risk.level().name())
                .param("reasons", risk.reasonsText())
                .update();
    }

    /**
     * Holds a pending referral for review because of its risk; guarded by the status and by the
     * absence of an operator's decision (an approved referral is never held again).
     */
    boolean hold(long referralId, ReferralRisk risk, Instant now) {
        return jdbc.sql("""
                        UPDATE referrals SET status = 'FLAGGED', reason = 'RISK_SCORE', risk_score = :score,
                            risk_level = :level, risk_reasons = :reasons
                        WHERE id = :id AND status = 'PENDING' AND review_decision IS NULL
                        """)
                        .param("id", referralId)
                        .param("score", risk.score())
                        .param("level", risk.level().name())
                        .param("reasons", risk.reasonsText())
                        .update()
                == 1;
    }

    /** Records an operator's decision: the label a learned model trains on. */
    void reviewed(long referralId, boolean approved, Instant now) {
        jdbc.sql("UPDATE referrals SET review_decision = :decision, reviewed_at = :now WHERE id = :id")
                .param("id", referralId)
                .param("decision", approved ? "APPROVED" : "REJECTED")
                .param("now", ts(now))
                .update();
    }

    /** Operators' decisions after ({@code reviewedAt}, {@code referralId}), oldest first. */
    List<io.iabulk.contests.RiskLabel> labels(Instant after, long afterId, int limit) {
        // referrals_reviewed_idx (reviewed_at) gives them in time order; keyset on (reviewed_at, id)
        return jdbc.sql("""
                        SELECT id, contest_id, risk_score, risk_level, risk_reasons, review_decision, reviewed_at
                        FROM referrals
                        WHERE reviewed_at IS NOT NULL AND risk_score IS NOT NULL
                          AND (reviewed_at > :after OR (reviewed_at = :after AND id > :afterId))
                        ORDER BY reviewed_at, id LIMIT :limit
                        """)
                .param("after", ts(after))
                .param("afterId", afterId)
                .param("limit", limit)
                .query((rs, row) -> new io.iabulk.contests.RiskLabel(
                        rs.getLong("id"),
                        rs.getLong("contest_id"),
                        ReferralRisk.stored(
                                rs.getDouble("risk_score"), rs.getString("risk_level"), rs.getString("risk_reasons")),
                        "APPROVED".equals(rs.getString("review_decision")),
                        instant(rs.getTimestamp("reviewed_at"))))
                .list();
    }

    /** Referrals held for review that came from this network in this contest. */
    int flaggedIn(long contestId, String network) {
        // primary-key read
        return jdbc.sql(
                        "SELECT flagged FROM referral_risk_networks WHERE contest_id = :contestId AND network = :network")
                .param("contestId", contestId)
                .param("network", network)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Counts a referral held for review (+1) or approved (-1) against its network. */
    void countFlagged(long contestId, String network, int delta) {
        // update first (the common case once a network is known); the insert races only with itself
        int updated = jdbc.sql("""
                        UPDATE referral_risk_networks SET flagged = GREATEST(flagged + :delta, 0)
                        WHERE contest_id = :contestId AND network = :network
                        """)
                .param("contestId", contestId)
                .param("network", network)
                .param("delta", delta)
                .update();
        if (updated == 0 && delta > 0) {
            int inserted = jdbc.sql("""
                            INSERT INTO referral_risk_networks (contest_id, network, flagged)
                            VALUES (:contestId, :network, :delta) ON CONFLICT DO NOTHING
                            """)
                    .param("contestId", contestId)
                    .param("network", network)
                    .param("delta", delta)
                    .update();
            if (inserted == 0) {
                countFlagged(contestId, network, delta);
            }
        }
    }

    /** The referee's signup address of a referral. */
    String signupIp(long refereeId) {
        return jdbc.sql("SELECT signup_ip FROM contest_participants WHERE id = :id")
                .param("id", refereeId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
