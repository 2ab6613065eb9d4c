package io.iabulk.accounts.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id, the winner of the Password Hashing Competition and OWASP's first choice: 19 MiB of
 * memory, 2 passes, one lane (OWASP's minimum recommendation), 16-byte salt, 32-byte hash. The
 * encoded form carries its parameters, so stronger settings later still verify old hashes.
 */
@Component
public class PasswordHasher {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

    /** A dummy hash to verify against when the account does not exist, so timing does not tell. */
    private final String decoy = encoder.encode("a password nobody has, to spend the same time");

    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether the password matches; {@code null} hash (no password chosen yet) never does. */
    public boolean matches(String password, String hash) {
        if (hash == null) {
            encoder.matches(password, decoy);
            return false;
        }
        return encoder.matches(password, hash);
    }
}
