package io.iabulk.contests.internal;

import io.iabulk.contests.ParticipantStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Contest participants in SQL: the truth the leaderboard is built from. */
@Repository
public class JdbcParticipantRepository {

    static final String COLUMNS = """
            id, contest_id, contact_id, email, first_name, last_name, referral_code, referred_by, status,
            referrals, points, confirm_expires_at, confirm_sent_at, confirmed_at, created_at""";

    private final JdbcClient jdbc;

    JdbcParticipantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A participant to insert. */
    public record NewParticipant(
            long contestId,
            long contactId,
            String email,
            String emailNormalized,
            String firstName,
            String lastName,
            String referralCode,
            Long referredBy,
            ParticipantStatus status,
            int points,
            String signupIp,
            String signupNetwork,
            String confirmTokenHash,
            Instant confirmExpiresAt,
            Instant createdAt,
            String userAgent) {}

    /**
     * Inserts a participant unless its normalised address (in the contest) or its referral code is
     * taken.
     *
     * @return the new id, or empty when a unique key was taken
     */
    public Optional<Long> insert(NewParticipant p) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        // ON CONFLICT DO NOTHING (no target: H2 accepts only this form) covers both unique keys
        int inserted = jdbc.sql("""
                INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized, first_name,
                    last_name, referral_code, referred_by, status, referrals, points, signup_ip, signup_network,
                    confirm_token_hash, confirm_expires_at, confirm_sent_at, confirmed_at, created_at, user_agent)
                VALUES (:contestId, :contactId, :email, :normalized, :first, :last, :code, :referredBy, :status, 0,
                    :points, :ip, :network, :tokenHash, :expires, :sent, :confirmedAt, :createdAt, :userAgent)
                ON CONFLICT DO NOTHING
                """)
                .param("contestId", p.contestId())
                .param("contactId", p.contactId())
                .param("email", p.email())
                .param("normalized", p.emailNormalized())
                .param("first", p.firstName())
                .param("last", p.lastName())
                .param("code", p.referralCode())
                .param("referredBy", p.referredBy())
                .param("status", p.status().name())
                .param("points", p.points())
                .param("ip", p.signupIp())
                .param("network", p.signupNetwork())
                .param("tokenHash", p.confirmTokenHash())
                .param("expires", ts(p.confirmExpiresAt()))
                .param("sent", p.confirmTokenHash() != null ? ts(p.createdAt()) : null)
                .param("confirmedAt", p.status() == ParticipantStatus.CONFIRMED ? ts(p.createdAt()) : null)
                .param("createdAt", ts(p.createdAt()))
                .param("userAgent", p.userAgent())
                .update(key, "id");
        return inserted == 1 ? Optional.of(key.getKey().longValue()) : Optional.empty();
    }

    /** The user agent a participant signed up with, or null. */
    public String userAgent(long id) {
        return jdbc.sql("SELECT user_agent FROM contest_participants WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    public Optional<ParticipantRow> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contest_participants WHERE id = :id")
                .param("id", id)
                .query(JdbcParticipantRepository::map)
                .optional();
    }

    public Optional<ParticipantRow> findByEmail(long contestId, String normalized) {
        // unique (contest_id, email_normalized)
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM contest_participants WHERE contest_id = :contestId AND email_normalized = :normalized")
                .param("contestId", contestId)
                .param("normalized", normalized)
                .query(JdbcParticipantRepository::map)
                .optional();
    }

    public Optional<ParticipantRow> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contest_participants WHERE referral_code = :code")
                .param("code", code)
                .query(JdbcParticipantRepository::map)
                .optional();
    }

    /** A participant with the counts of its referrals that wait (for confirmation, for review). */
    public record WithOpenReferrals(ParticipantRow participant, int pending, int flagged, int rejected) {}

    /** The participant of a referral code and its uncounted referrals, in one round trip. */
    public Optional<WithOpenReferrals> findWithOpenReferralsByCode(String code) {
        // unique referral_code, then three short ranges of referrals_referrer_status_idx
        return jdbc.sql("SELECT " + COLUMNS + ", " + """
                        (SELECT count(*) FROM referrals r WHERE r.referrer_id = p.id AND r.status = 'PENDING'),
                        (SELECT count(*) FROM referrals r WHERE r.referrer_id = p.id AND r.status = 'FLAGGED'),
                        (SELECT count(*) FROM referrals r WHERE r.referrer_id = p.id AND r.status = 'REJECTED')
                        FROM contest_participants p WHERE p.referral_code = :code
                        """)
                .param("code", code)
                .query((rs, row) -> new WithOpenReferrals(map(rs, row), rs.getInt(16), rs.getInt(17), rs.getInt(18)))
                .optional();
    }

    public Optional<ParticipantRow> findByTokenHash(String tokenHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contest_participants WHERE confirm_token_hash = :hash")
                .param("hash", tokenHash)
                .query(JdbcParticipantRepository::map)
                .optional();
    }

    /** Marks a pending participant confirmed; false when it was confirmed already. */
    public boolean confirm(long id, Instant now) {
        return jdbc.sql("""
                        UPDATE contest_participants SET status = 'CONFIRMED', confirmed_at = :now
                        WHERE id = :id AND status = 'PENDING'
                        """).param("id", id).param("now", ts(now)).update() == 1;
    }

    /** Replaces the confirmation token of a pending participant (a resent link). */
    public void replaceToken(long id, String tokenHash, Instant expires, Instant now) {
        jdbc.sql("""
                UPDATE contest_participants SET confirm_token_hash = :hash, confirm_expires_at = :expires,
                    confirm_sent_at = :now
                WHERE id = :id AND status = 'PENDING'
                """)
                .param("id", id)
                .param("hash", tokenHash)
                .param("expires", ts(expires))
                .param("now", ts(now))
                .update();
    }

    /**
     * Adds one credited referral and its points to a participant; the row lock this takes
     * serialises concurrent credits of one referrer, so the counter is exact.
     *
     * @return the participant after the change
     */
    public ParticipantRow addCreditedReferral(long id, int points) {
        jdbc.sql("UPDATE contest_participants SET referrals = referrals + 1, points = points + :points WHERE id = :id")
                .param("id", id)
                .param("points", points)
                .update();
        return find(id).orElseThrow();
    }

    /** Signups from one network in a contest since a moment, counted up to {@code cap}. */
    public int countSignupsFromNetwork(long contestId, String network, Instant since, int cap) {
        // the (contest_id, signup_network, created_at) index bounds the scan; LIMIT bounds the count
        return jdbc.sql("""
                        SELECT count(*) FROM (
                            SELECT 1 FROM contest_participants
                            WHERE contest_id = :contestId AND signup_network = :network AND created_at > :since
                            LIMIT :cap) recent
                        """)
                .param("contestId", contestId)
                .param("network", network)
                .param("since", ts(since))
                .param("cap", cap)
                .query(Integer.class)
                .single();
    }

    /** The participants of these contacts in one contest. */
    public List<ParticipantRow> findByContacts(long contestId, Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        // contest_participants_contact_idx (contest_id, contact_id)
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM contest_participants WHERE contest_id = :contestId AND contact_id IN (:ids)")
                .param("contestId", contestId)
                .param("ids", contactIds)
                .query(JdbcParticipantRepository::map)
                .list();
    }

    /** Participants by id (for display names of a leaderboard page). */
    public List<ParticipantRow> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM contest_participants WHERE id IN (:ids)")
                .param("ids", ids)
                .query(JdbcParticipantRepository::map)
                .list();
    }

    static ParticipantRow map(ResultSet rs, int row) throws SQLException {
        long referredBy = rs.getLong("referred_by");
        boolean referred = !rs.wasNull();
        return new ParticipantRow(
                rs.getLong("id"),
                rs.getLong("contest_id"),
                rs.getLong("contact_id"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("referral_code"),
                referred ? referredBy : null,
                ParticipantStatus.valueOf(rs.getString("status")),
                rs.getInt("referrals"),
                rs.getInt("points"),
                JdbcContestRepository.instant(rs, "confirm_expires_at"),
                JdbcContestRepository.instant(rs, "confirm_sent_at"),
                JdbcContestRepository.instant(rs, "confirmed_at"),
                JdbcContestRepository.instant(rs, "created_at"));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
