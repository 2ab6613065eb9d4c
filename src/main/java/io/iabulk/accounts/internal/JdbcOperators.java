package io.iabulk.accounts.internal;

import io.iabulk.accounts.Account;
import io.iabulk.platform.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The operators, their sessions and their one-time tokens. */
@Repository
public class JdbcOperators {

    /** What a sign-in needs to know of an account. */
    public record Credentials(
            long id, String email, String passwordHash, int failedSignIns, Instant lockedUntil, Instant disabledAt) {}

    /** A live session and its operator. */
    public record SessionRow(
            long operatorId,
            String email,
            String name,
            Role role,
            ZoneId timeZone,
            String csrfToken,
            Instant createdAt,
            Instant lastSeenAt,
            Instant expiresAt) {}

    private final JdbcClient jdbc;

    JdbcOperators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean any() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM operators)")
                .query(Boolean.class)
                .single();
    }

    /** Claims the one-time first setup: false when it was done already. */
    public boolean claimSetup(Instant now) {
        // the single-row table's primary key makes a second claim fail, even at the same moment
        return jdbc.sql("INSERT INTO operator_setup (id, done_at) VALUES (1, :now) ON CONFLICT DO NOTHING")
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public long insert(String email, String name, String passwordHash, Role role, ZoneId zone, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        // the generated key, not RETURNING: H2 (embedded mode) has no INSERT ... RETURNING
        jdbc.sql("""
                        INSERT INTO operators (email, name, password_hash, role, time_zone, created_at)
                        VALUES (:email, :name, :hash, :role, :zone, :now)""")
                .param("email", email)
                .param("name", name)
                .param("hash", passwordHash)
                .param("role", role.name())
                .param("zone", zone.getId())
                .param("now", Timestamp.from(now))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM operators WHERE email = :email)")
                .param("email", email)
                .query(Boolean.class)
                .single();
    }

    public Optional<Credentials> credentials(String email) {
        return jdbc.sql("""
                        SELECT id, email, password_hash, failed_sign_ins, locked_until, disabled_at
                        FROM operators WHERE email = :email""")
                .param("email", email)
                .query((rs, n) -> new Credentials(
                        rs.getLong("id"),
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        rs.getInt("failed_sign_ins"),
                        instant(rs, "locked_until"),
                        instant(rs, "disabled_at")))
                .optional();
    }

    /** Counts a failed sign-in; locks the account until {@code lockUntil} when it reaches {@code max}. */
    public void failedSignIn(long id, int max, Instant lockUntil) {
        // one statement: concurrent failures each count, and the one reaching the limit locks
        jdbc.sql("""
                        UPDATE operators SET failed_sign_ins = failed_sign_ins + 1,
                            locked_until = CASE WHEN failed_sign_ins + 1 >= :max THEN :until ELSE locked_until END
                        WHERE id = :id""")
                .param("id", id)
                .param("max", max)
                .param("until", Timestamp.from(lockUntil))
                .update();
    }

    public void signedIn(long id, Instant now) {
        jdbc.sql("""
                        UPDATE operators SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = :now
                        WHERE id = :id""").param("id", id).param("now", Timestamp.from(now)).update();
    }

    public void insertSession(
            String tokenHash, long operatorId, String csrf, Instant now, Instant expires, String client) {
        jdbc.sql("""
                        INSERT INTO operator_sessions
                            (token_hash, operator_id, csrf_token, created_at, last_seen_at, expires_at, client)
                        VALUES (:hash, :operator, :csrf, :now, :now, :expires, :client)""")
                .param("hash", tokenHash)
                .param("operator", operatorId)
                .param("csrf", csrf)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires))
                .param("client", client)
                .update();
    }

    public Optional<SessionRow> session(String tokenHash, Instant now) {
        // the primary key of the session, then the operator's: two index lookups
        return jdbc.sql("""
                        SELECT o.id, o.email, o.name, o.role, o.time_zone, s.csrf_token, s.created_at,
                               s.last_seen_at, s.expires_at
                        FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
                        WHERE s.token_hash = :hash AND s.expires_at > :now AND o.disabled_at IS NULL""")
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new SessionRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        Role.valueOf(rs.getString(4)),
                        ZoneId.of(rs.getString(5)),
                        rs.getString(6),
                        instant(rs, "created_at"),
                        instant(rs, "last_seen_at"),
                        instant(rs, "expires_at")))
                .optional();
    }

    public void touchSession(String tokenHash, Instant now, Instant expires) {
        jdbc.sql("UPDATE operator_sessions SET last_seen_at = :now, expires_at = :expires WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires))
                .update();
    }

    public void deleteSession(String tokenHash) {
        jdbc.sql("DELETE FROM operator_sessions WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .update();
    }

    public void deleteSessionsOf(long operatorId) {
        jdbc.sql("DELETE FROM operator_sessions WHERE operator_id = :id")
                .param("id", operatorId)
                .update();
    }

    public int deleteExpiredSessions(Instant now) {
        return jdbc.sql("DELETE FROM operator_sessions WHERE expires_at <= :now")
                .param("now", Timestamp.from(now))
                .update();
    }

    public void insertToken(String tokenHash, String purpose, Long operatorId, Instant now, Instant expires) {
        jdbc.sql("""
                        INSERT INTO operator_tokens (token_hash, purpose, operator_id, created_at, expires_at)
                        VALUES (:hash, :purpose, :operator, :now, :expires)""")
                .param("hash", tokenHash)
                .param("purpose", purpose)
                .param("operator", operatorId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expires))
                .update();
    }

    /** Whether an unused, unexpired token of the purpose exists; its operator id (0 for none). */
    public Optional<Long> validToken(String tokenHash, String purpose, Instant now) {
        return jdbc.sql("""
                        SELECT COALESCE(operator_id, 0) FROM operator_tokens
                        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now""")
                .param("hash", tokenHash)
                .param("purpose", purpose)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .optional();
    }

    /** Uses a token up: false when it was used, expired or never existed (a second use loses). */
    public boolean useToken(String tokenHash, String purpose, Instant now) {
        return jdbc.sql("""
                                UPDATE operator_tokens SET used_at = :now
                                WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL
                                  AND expires_at > :now""")
                        .param("hash", tokenHash)
                        .param("purpose", purpose)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    public void setPassword(long id, String hash) {
        jdbc.sql("UPDATE operators SET password_hash = :hash, failed_sign_ins = 0, locked_until = NULL WHERE id = :id")
                .param("id", id)
                .param("hash", hash)
                .update();
    }

    public List<Account> list() {
        return jdbc.sql("""
                        SELECT id, email, name, role, time_zone, created_at, last_sign_in_at, locked_until,
                               disabled_at, password_hash IS NULL AS pending
                        FROM operators ORDER BY id""").query((rs, n) -> account(rs)).list();
    }

    public Optional<Account> find(long id) {
        return jdbc.sql("""
                        SELECT id, email, name, role, time_zone, created_at, last_sign_in_at, locked_until,
                               disabled_at, password_hash IS NULL AS pending
                        FROM operators WHERE id = :id""").param("id", id).query((rs, n) -> account(rs)).optional();
    }

    public int countOwners() {
        return jdbc.sql("SELECT count(*) FROM operators WHERE role = 'OWNER' AND disabled_at IS NULL")
                .query(Integer.class)
                .single();
    }

    public void setRole(long id, Role role) {
        jdbc.sql("UPDATE operators SET role = :role WHERE id = :id")
                .param("id", id)
                .param("role", role.name())
                .update();
    }

    public void setDisabled(long id, Instant at) {
        jdbc.sql("UPDATE operators SET disabled_at = :at WHERE id = :id")
                .param("id", id)
                .param("at", at == null ? null : Timestamp.from(at))
                .update();
    }

    public void setProfile(long id, String name, ZoneId zone) {
        jdbc.sql("UPDATE operators SET name = :name, time_zone = :zone WHERE id = :id")
                .param("id", id)
                .param("name", name)
                .param("zone", zone.getId())
                .update();
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                ZoneId.of(rs.getString("time_zone")),
                instant(rs, "created_at"),
                instant(rs, "last_sign_in_at"),
                instant(rs, "locked_until"),
                instant(rs, "disabled_at"),
                rs.getBoolean("pending"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
