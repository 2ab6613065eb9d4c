package io.iabulk.contests;

import java.text.Normalizer;
import java.util.Locale;

/** Contest slugs: the readable part of a contest's public URLs. */
public final class Slugs {

    public static final String PATTERN = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";
    public static final String MESSAGE =
            "must be 1 to 64 lower-case letters, digits and inner hyphens, like 'spring-launch'";

    private Slugs() {}

    /** A slug made from a name: ASCII letters and digits, words joined by hyphens. */
    public static String fromName(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 56) {
            slug = slug.substring(0, 56).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "contest" : slug;
    }
}
