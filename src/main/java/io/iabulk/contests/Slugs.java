package io.iabulk.contests;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Contest slugs: the readable part of a contest's public URLs. */
public final class Slugs {

    /**
     * A new slug: 1 to 64 lower-case letters, digits and inner hyphens, not digits only (in an API
     * path, digits are a contest id).
     */
    public static final String PATTERN = "^(?![0-9]+$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

    public static final String MESSAGE =
            "must be 1 to 64 lower-case letters, digits and inner hyphens, not digits only, like 'spring-launch'";

    // what any stored slug looks like, those made before PATTERN refused digits only included
    private static final Pattern STORED = Pattern.compile("[a-z0-9-]{1,64}");

    private Slugs() {}

    /** Whether a path segment names a contest by its id (ASCII digits only) rather than its slug. */
    public static boolean isId(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether some contest could have this slug; anything else is not looked up at all. */
    public static boolean couldExist(String slug) {
        return STORED.matcher(slug).matches();
    }

    /** A slug made from a name: ASCII letters and digits, words joined by hyphens. */
    public static String fromName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 56) {
            slug = slug.substring(0, 56).replaceAll("-+$", "");
        }
        if (slug.isEmpty() || isId(slug)) {
            return slug.isEmpty() ? "contest" : "contest-" + slug;
        }
        return slug;
    }
}
