package io.iabulk.contests.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** The per-signup facts the risk signals are made of: what an address or a user agent looks like. */
final class RiskFeatures {

    /** Clients that are libraries, tools or headless browsers, not a person's browser. */
    private static final Pattern AUTOMATED = Pattern.compile(
            "curl|wget|python|requests|aiohttp|httpx|go-http-client|okhttp|java/|java-http|apache-httpclient"
                    + "|node-fetch|axios|undici|libwww|scrapy|headlesschrome|phantomjs|selenium|puppeteer"
                    + "|playwright|postman|insomnia|\\bbot\\b|spider|crawler",
            Pattern.CASE_INSENSITIVE);

    private RiskFeatures() {}

    /** The part before the {@code @}, lower-cased. */
    static String localPart(String email) {
        int at = email.lastIndexOf('@');
        return (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    /**
     * The address without what generated variants of one address differ by: the {@code +tag}, dots,
     * dashes and underscores, and trailing digits ({@code an.na+3} and {@code anna12} share {@code
     * anna}); null when too short to mean anything.
     */
    static String stem(String email) {
        String local = localPart(email);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        StringBuilder stem = new StringBuilder();
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c != '.' && c != '-' && c != '_') {
                stem.append(c);
            }
        }
        int end = stem.length();
        while (end > 0 && Character.isDigit(stem.charAt(end - 1))) {
            end--;
        }
        return end >= 3 ? stem.substring(0, end) : null;
    }

    /** Whether the address carries a mark of a variant: a {@code +tag}, a trailing counter or a dot. */
    static boolean variant(String email) {
        String local = localPart(email);
        return local.indexOf('+') >= 0
                || local.indexOf('.') >= 0
                || (!local.isEmpty() && Character.isDigit(local.charAt(local.length() - 1)));
    }

    /**
     * How random the local part looks, 0–1: long consonant runs, few vowels, letters and digits
     * interleaved, and nearly every character distinct (names repeat letters). Short parts (under 6
     * characters) are never judged.
     */
    static double randomness(String email) {
        String local = localPart(email);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        StringBuilder chars = new StringBuilder();
        java.util.BitSet separators = new java.util.BitSet();
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                chars.append(c);
            } else {
                separators.set(chars.length());
            }
        }
        if (chars.length() < 6) {
            return 0;
        }
        int letters = 0;
        int vowels = 0;
        int run = 0;
        int longestRun = 0;
        int switches = 0;
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
            boolean digit = Character.isDigit(c);
            if (separators.get(i)) {
                run = 0; // a run of consonants across "john.smith" is not one
            }
            if (i > 0 && digit != Character.isDigit(chars.charAt(i - 1))) {
                switches++;
            }
            if (digit) {
                run = 0;
                continue;
            }
            letters++;
            if ("aeiouy".indexOf(c) >= 0 || c >= 128) {
                vowels++;
                run = 0;
            } else {
                longestRun = Math.max(longestRun, ++run);
            }
        }
        double consonants = longestRun >= 5 ? 1 : longestRun == 4 ? 0.4 : 0;
        double vowelShare = letters >= 6 ? (double) vowels / letters : 0.4;
        double fewVowels = vowelShare < 0.12 ? 1 : vowelShare < 0.18 ? 0.5 : 0;
        // a name with a year at the end switches once, "anna85smith" twice; generated strings often more
        double mixed = switches >= 3 ? 1 : switches == 2 ? 0.3 : 0;
        double entropy = 0;
        int n = chars.length();
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                entropy -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = (double) other / n;
            entropy -= p * Math.log(p);
        }
        double distinct = entropy / Math.log(n);
        double spread = n >= 8 && distinct > 0.97 ? 0.5 : 0;
        double strongest = Math.max(Math.max(consonants, fewVowels), mixed);
        return Math.min(1, strongest + (strongest > 0 ? spread * 0.5 : spread * 0.4));
    }

    /** Whether a user agent names a script or tool rather than a person's browser; blank counts too. */
    static boolean automated(String userAgent) {
        return userAgent == null
                || userAgent.isBlank()
                || AUTOMATED.matcher(userAgent).find();
    }

    /**
     * The user agent as kept: control characters removed, whitespace runs folded, at most 256
     * characters; null when nothing is left.
     */
    static String cleanUserAgent(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(raw.length(), 256));
        boolean space = false;
        for (int i = 0; i < raw.length() && clean.length() < 256; i++) {
            char c = raw.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT) {
                space = !clean.isEmpty();
                continue;
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < raw.length()
                            && Character.isLowSurrogate(raw.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(raw.charAt(i - 1)))) {
                continue;
            }
            if (space && clean.length() < 255) {
                clean.append(' ');
            }
            space = false;
            clean.append(c);
        }
        // never cut a surrogate pair in half
        if (!clean.isEmpty() && Character.isHighSurrogate(clean.charAt(clean.length() - 1))) {
            clean.setLength(clean.length() - 1);
        }
        return clean.isEmpty() ? null : clean.toString();
    }

    /** The coefficient of variation (standard deviation over mean) of the gaps, NaN under 2 gaps. */
    static double variation(long[] gapsMillis, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += gapsMillis[i];
        }
        mean /= n;
        if (mean <= 0) {
            return 0;
        }
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = gapsMillis[i] - mean;
            var += d * d;
        }
        return Math.sqrt(var / (n - 1)) / mean;
    }
}
