package io.iabulk.contests.internal;

import java.security.SecureRandom;

/** Referral codes. */
final class ReferralCodes {

    // no 0/o, 1/l/i: codes are read aloud and typed from screenshots
    private static final char[] CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    static final int CODE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodes() {}

    /** An 8-character referral code (31^8, about 8.5e11 possibilities). */
    static String next() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
        }
        return new String(code);
    }
}
