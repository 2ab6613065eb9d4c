package io.iabulk.contests.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/** Referral codes. */
final class ReferralCodes {

    // no 0/o, 1/l/i: codes are read aloud and typed from screenshots
    private static final char[] CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    static final int CODE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodes() {}

    /** Words no code may contain ({@code contests/blocked-words.txt}). */
    private static final List<String> BLOCKED = blockedWords();

    /**
     * An 8-character referral code (31^8, about 8.5e11 possibilities) holding none of the blocked
     * words, read as it is or with its digits as letters; about 1 draw in 300 is drawn again.
     */
    static String next() {
        while (true) {
            char[] code = new char[CODE_LENGTH];
            for (int i = 0; i < code.length; i++) {
                code[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
            }
            String candidate = new String(code);
            if (acceptable(candidate)) {
                return candidate;
            }
        }
    }

    /** Whether a code holds no blocked word, as written or with its digits read as letters. */
    static boolean acceptable(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        String read = asLetters(lower);
        for (String word : BLOCKED) {
            if (lower.contains(word) || read.contains(word)) {
                return false;
            }
        }
        return true;
    }

    /** The digits people read as letters: 2 z, 3 e, 4 a, 5 s, 6 g, 7 t, 8 b, 9 g (and 0 o, 1 i). */
    private static String asLetters(String code) {
        char[] chars = code.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = switch (chars[i]) {
                case '0' -> 'o';
                case '1' -> 'i';
                case '2' -> 'z';
                case '3' -> 'e';
                case '4' -> 'a';
                case '5' -> 's';
                case '6', '9' -> 'g';
                case '7' -> 't';
                case '8' -> 'b';
                default -> chars[i];
            };
        }
        return new String(chars);
    }

    private static List<String> blockedWords() {
        try (InputStream in = ReferralCodes.class.getResourceAsStream("/contests/blocked-words.txt")) {
            if (in == null) {
                throw new IllegalStateException("contests/blocked-words.txt is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
