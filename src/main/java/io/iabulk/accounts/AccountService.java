package io.iabulk.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.accounts.internal.JdbcOperators;
import io.iabulk.accounts.internal.PasswordHasher;
import io.iabulk.platform.AuditLog;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.OperatorSessions;
import io.iabulk.platform.Role;
import io.iabulk.platform.SecretTokens;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts module's facade: the first owner's setup, sign-in and sign-out, sessions, password
 * resets and the owners' management of accounts. Sessions live in the database, so every instance
 * knows them; each instance keeps a session it has seen for a few seconds, so a page costs no
 * database read, and drops it at once when it signs the session out.
 */
@Service
public class AccountService implements OperatorSessions {

    static final String SETUP = "SETUP";
    static final String RESET = "RESET";
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 200;
    private static final Duration CACHED = Duration.ofSeconds(5);
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    /** A new session: the cookie's value (shown once) and its operator. */
    public record Session(String token, Operator operator, Duration lifetime) {}

    private final JdbcOperators operators;
    private final PasswordHasher passwords;
    private final AuditLog audit;
    private final AccountsProperties properties;
    private final Clock clock;
    private final Cache<String, JdbcOperators.SessionRow> sessions =
            Caffeine.newBuilder().expireAfterWrite(CACHED).maximumSize(10_000).build();

    AccountService(
            JdbcOperators operators,
            PasswordHasher passwords,
            AuditLog audit,
            AccountsProperties properties,
            Clock clock) {
        this.operators = operators;
        this.passwords = passwords;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether no operator exists yet: the console then offers only its one-time setup. */
    public boolean needsSetup() {
        return !operators.any();
    }

    /** Creates a one-time setup link's token (when no operator exists); only its hash is kept. */
    public String createSetupToken() {
        String token = SecretTokens.random();
        Instant now = Instant.now(clock);
        operators.insertToken(
                SecretTokens.sha256Hex(token), SETUP, null, now, now.plus(properties.setupLinkValidity()));
        return token;
    }

    /** Whether a setup token is one that works (not used, not expired) while setup is still open. */
    public boolean setupTokenWorks(String token) {
        return token != null
                && needsSetup()
                && operators
                        .validToken(SecretTokens.sha256Hex(token), SETUP, Instant.now(clock))
                        .isPresent();
    }

    /**
     * Creates the first owner with a setup link's token. Exactly one setup ever succeeds, even when
     * two run at the same moment.
     *
     * @throws ConflictException when the setup was done already or the link is not valid
     */
    @Transactional
    public Account setUp(String token, String email, String name, String password, String timeZone, String client) {
        NewAccount account = validate(email, name, password, timeZone);
        Instant now = Instant.now(clock);
        if (token == null || !operators.useToken(SecretTokens.sha256Hex(token), SETUP, now)) {
            throw new ConflictException(
                    "setup-link-invalid",
                    "This setup link is used, expired or wrong: restart IA Bulk to print a new one, or sign in");
        }
        if (!operators.claimSetup(now) || operators.any()) {
            throw new ConflictException("already-set-up", "IA Bulk is set up already: sign in instead");
        }
        long id =
                operators.insert(account.email, account.name, passwords.hash(password), Role.OWNER, account.zone, now);
        audit.record(account.email, "account.setup", account.email, null, client);
        return find(id);
    }

    /**
     * Creates the first owner from the configuration ({@code IABULK_OWNER_EMAIL} and {@code
     * IABULK_OWNER_PASSWORD}) when no operator exists; false when one does.
     */
    @Transactional
    public boolean createConfiguredOwner(String email, String password) {
        NewAccount account = validate(email, email.substring(0, Math.max(1, email.indexOf('@'))), password, "UTC");
        Instant now = Instant.now(clock);
        if (!operators.claimSetup(now) || operators.any()) {
            return false;
        }
        operators.insert(account.email, account.name, passwords.hash(password), Role.OWNER, account.zone, now);
        audit.record("configuration", "account.setup", account.email, null, null);
        return true;
    }

    /**
     * Signs an operator in. A wrong address and a wrong password get the same answer; after {@code
     * maxFailedSignIns} failures in a row the account is locked for {@code lockout}.
     *
     * @throws SignInRefusedException when the sign-in does not succeed, saying what to do
     */
    public Session signIn(String email, String password, String client) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Instant now = Instant.now(clock);
        Optional<JdbcOperators.Credentials> found =
                address.isEmpty() || address.length() > 320 ? Optional.empty() : operators.credentials(address);
        if (found.isEmpty()) {
            passwords.matches(password == null ? "" : password, null);
            audit.record(cutAddress(address), "sign-in.failed", "unknown account", null, client);
            throw wrongCredentials();
        }
        JdbcOperators.Credentials account = found.get();
        if (account.lockedUntil() != null && account.lockedUntil().isAfter(now)) {
            long minutes =
                    Math.max(1, Duration.between(now, account.lockedUntil()).toSeconds() / 60 + 1);
            audit.record(account.email(), "sign-in.locked", account.email(), null, client);
            throw new SignInRefusedException(
                    "sign-in-locked",
                    "Too many failed sign-ins for this account: try again in " + minutes + " min, or reset your"
                            + " password");
        }
        if (password == null
                || password.length() > MAX_PASSWORD
                || !passwords.matches(password, account.passwordHash())) {
            operators.failedSignIn(account.id(), properties.maxFailedSignIns(), now.plus(properties.lockout()));
            audit.record(account.email(), "sign-in.failed", account.email(), null, client);
            throw wrongCredentials();
        }
        if (account.disabledAt() != null) {
            audit.record(account.email(), "sign-in.disabled", account.email(), null, client);
            throw new SignInRefusedException(
                    "account-disabled", "This account is disabled: ask an owner of this IA Bulk to enable it");
        }
        operators.signedIn(account.id(), now);
        String token = SecretTokens.random();
        String csrf = SecretTokens.random();
        operators.insertSession(SecretTokens.sha256Hex(token), account.id(), csrf, now, expiry(now, now), client);
        audit.record(account.email(), "sign-in", account.email(), null, client);
        return new Session(token, find(token).orElseThrow(), properties.sessionMax());
    }

    private static SignInRefusedException wrongCredentials() {
        return new SignInRefusedException(
                "sign-in-failed", "The email address or the password is not right. Check both, or reset your password");
    }

    /** Ends a session, at once on this instance and within seconds on the others. */
    public void signOut(String token, String client) {
        if (token == null || token.isEmpty()) {
            return;
        }
        String hash = SecretTokens.sha256Hex(token);
        find(token).ifPresent(operator -> audit.record(operator.actor(), "sign-out", operator.actor(), null, client));
        operators.deleteSession(hash);
        sessions.invalidate(hash);
    }

    @Override
    public Optional<Operator> find(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretTokens.sha256Hex(token);
        Instant now = Instant.now(clock);
        JdbcOperators.SessionRow row = sessions.getIfPresent(hash);
        if (row == null || !row.expiresAt().isAfter(now)) {
            row = operators.session(hash, now).orElse(null);
            if (row == null) {
                sessions.invalidate(hash);
                return Optional.empty();
            }
            if (Duration.between(row.lastSeenAt(), now).compareTo(TOUCH_EVERY) > 0) {
                // sliding expiry, written at most once a minute per session
                Instant expires = expiry(row.createdAt(), now);
                operators.touchSession(hash, now, expires);
                row = new JdbcOperators.SessionRow(
                        row.operatorId(),
                        row.email(),
                        row.name(),
                        row.role(),
                        row.timeZone(),
                        row.csrfToken(),
                        row.createdAt(),
                        now,
                        expires);
            }
            sessions.put(hash, row);
        }
        return Optional.of(new Operator(
                row.operatorId(), row.email(), row.name(), row.role(), row.timeZone(), row.csrfToken(), false));
    }

    private Instant expiry(Instant created, Instant now) {
        Instant idle = now.plus(properties.sessionIdle());
        Instant max = created.plus(properties.sessionMax());
        return idle.isBefore(max) ? idle : max;
    }

    /**
     * Creates a password-reset token for the address, when it is an enabled account's; empty
     * otherwise (the page says the same in both cases, so it does not tell who has an account).
     */
    public Optional<ResetLink> requestReset(String email, String client) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        Optional<JdbcOperators.Credentials> account =
                address.isEmpty() || address.length() > 320 ? Optional.empty() : operators.credentials(address);
        if (account.isEmpty() || account.get().disabledAt() != null) {
            return Optional.empty();
        }
        audit.record(address, "password-reset.requested", address, null, client);
        return Optional.of(new ResetLink(address, token(account.get().id(), properties.resetLinkValidity())));
    }

    /** A one-time link's token and the address it goes to. */
    public record ResetLink(String email, String token) {}

    private String token(long operatorId, Duration validity) {
        String token = SecretTokens.random();
        Instant now = Instant.now(clock);
        operators.insertToken(SecretTokens.sha256Hex(token), RESET, operatorId, now, now.plus(validity));
        return token;
    }

    /** Whether a reset link's token still works. */
    public boolean resetTokenWorks(String token) {
        return token != null
                && token.length() <= 200
                && operators
                        .validToken(SecretTokens.sha256Hex(token), RESET, Instant.now(clock))
                        .isPresent();
    }

    /**
     * Sets a new password with a reset link (once), unlocks the account and signs out all its
     * sessions.
     */
    @Transactional
    public void resetPassword(String token, String password, String client) {
        checkPassword(password, null);
        Instant now = Instant.now(clock);
        String hash = token == null || token.length() > 200 ? "" : SecretTokens.sha256Hex(token);
        Optional<Long> operator = operators.validToken(hash, RESET, now);
        if (operator.isEmpty() || !operators.useToken(hash, RESET, now)) {
            throw new ConflictException(
                    "reset-link-invalid", "This link is used or expired: ask for a new one on the sign-in page");
        }
        operators.setPassword(operator.get(), passwords.hash(password));
        operators.deleteSessionsOf(operator.get());
        sessions.invalidateAll();
        Account account = find(operator.get());
        audit.record(account.email(), "password-reset", account.email(), null, client);
    }

    /** Every account, oldest first. */
    public List<Account> accounts() {
        return operators.list();
    }

    public Account find(long id) {
        return operators.find(id).orElseThrow(() -> new NotFoundException("account", id));
    }

    /**
     * Adds an operator who chooses their own password through the returned one-time link (valid
     * {@code inviteLinkValidity}).
     */
    @Transactional
    public ResetLink invite(String email, String name, Role role, String timeZone) {
        NewAccount account = validate(email, name, null, timeZone);
        if (role == null) {
            throw new InvalidRequestException("role", "Choose a role: OWNER, EDITOR or VIEWER");
        }
        if (operators.emailTaken(account.email)) {
            throw new ConflictException("account-exists", "There is an account for " + account.email + " already");
        }
        long id = operators.insert(account.email, account.name, null, role, account.zone, Instant.now(clock));
        return new ResetLink(account.email, token(id, properties.inviteLinkValidity()));
    }

    /** Changes an account's role; the last enabled owner stays an owner. */
    @Transactional
    public void changeRole(long id, Role role) {
        Account account = find(id);
        if (account.role() == Role.OWNER && role != Role.OWNER && account.disabledAt() == null) {
            keepAnOwner();
        }
        operators.setRole(id, role);
        sessions.invalidateAll();
    }

    /** Disables (signing out all its sessions) or enables an account; the last owner stays enabled. */
    @Transactional
    public void setEnabled(long id, boolean enabled) {
        Account account = find(id);
        if (!enabled && account.role() == Role.OWNER && account.disabledAt() == null) {
            keepAnOwner();
        }
        operators.setDisabled(id, enabled ? null : Instant.now(clock));
        if (!enabled) {
            operators.deleteSessionsOf(id);
        }
        sessions.invalidateAll();
    }

    private void keepAnOwner() {
        if (operators.countOwners() <= 1) {
            throw new ConflictException(
                    "last-owner", "This is the last enabled owner: make another account an owner first");
        }
    }

    /** Changes the operator's own name and time zone. */
    public void updateProfile(long id, String name, String timeZone) {
        NewAccount checked = validate("someone@example.com", name, null, timeZone);
        operators.setProfile(id, checked.name, checked.zone);
        sessions.invalidateAll();
    }

    /** Changes the operator's own password, knowing the current one; every session of the account ends. */
    @Transactional
    public void changePassword(long id, String current, String next) {
        Account account = find(id);
        JdbcOperators.Credentials credentials =
                operators.credentials(account.email()).orElseThrow();
        if (current == null || !passwords.matches(current, credentials.passwordHash())) {
            throw new InvalidRequestException("currentPassword", "The current password is not right");
        }
        checkPassword(next, account.email());
        operators.setPassword(id, passwords.hash(next));
        operators.deleteSessionsOf(id);
        sessions.invalidateAll();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void dropExpiredSessions() {
        operators.deleteExpiredSessions(Instant.now(clock));
    }

    private record NewAccount(String email, String name, ZoneId zone) {}

    private static NewAccount validate(String email, String name, String password, String timeZone) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        if (address.length() > 320
                || at < 1
                || at != address.lastIndexOf('@')
                || at == address.length() - 1
                || !address.substring(at + 1).contains(".") && !address.endsWith("@localhost")
                || address.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new InvalidRequestException("email", "Enter an email address such as name@example.com");
        }
        String display = name == null ? "" : name.strip();
        if (display.isEmpty() || display.length() > 200 || display.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("name", "Enter a name of 1 to 200 characters");
        }
        if (password != null) {
            checkPassword(password, address);
        }
        ZoneId zone;
        try {
            zone = timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new InvalidRequestException("timeZone", "Choose a time zone such as Europe/Paris");
        }
        return new NewAccount(address, display, zone);
    }

    private static void checkPassword(String password, String email) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidRequestException(
                    "password", "Choose a password of " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        if (password.isBlank() || password.equalsIgnoreCase(email)) {
            throw new InvalidRequestException("password", "Choose a password that is not your email address");
        }
    }

    private static String cutAddress(String address) {
        return address.isEmpty() ? "(empty)" : address.length() > 320 ? address.substring(0, 320) : address;
    }
}
