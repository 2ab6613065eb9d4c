package io.iabulk.contests;

import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.Texts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What participants experience of a contest besides its rules: its pages, where they may be
 * embedded, and the optional emails. Every field is optional.
 *
 * @param description what the contest is about, in Markdown (raw HTML in it is shown as text)
 * @param prize the prize, one line ("A year of coffee")
 * @param imageUrl a picture of the prize or the campaign, {@code https} only; also the image of a
 *     shared link's card
 * @param logoUrl the organiser's logo, {@code https} only
 * @param accentColor the colour of buttons and links, {@code #rrggbb}
 * @param terms the rules and terms, in Markdown
 * @param showLeaderboard whether the pages show the top 10 (names masked)
 * @param allowedOrigins the sites that may embed the contest ({@code https://www.example.com}): the
 *     script widget's calls are allowed from these only, and when any is set only these may frame
 *     the signup and status pages (none set: any site may frame them, and the script widget is off)
 * @param welcomeEmail whether a confirmed participant gets a welcome email with their link
 * @param rankDigest whether confirmed participants whose leaderboard rank improved get the "you moved
 *     up" email, at most once a day (docs/decisions/0027)
 */
public record ContestExperience(
        String description,
        String prize,
        String imageUrl,
        String logoUrl,
        String accentColor,
        String terms,
        boolean showLeaderboard,
        List<String> allowedOrigins,
        boolean welcomeEmail,
        boolean rankDigest) {

    public static final ContestExperience NONE =
            new ContestExperience(null, null, null, null, null, null, false, List.of(), false, false);

    public static final int ORIGINS_MAX = 20;

    private static final Pattern ORIGIN =
            Pattern.compile("(https://[a-z0-9.-]+|http://(localhost|127\\.0\\.0\\.1))(:[0-9]{1,5})?");

    public ContestExperience {
        // nulls kept (a JSON null in the list), for problems() to refuse with its index
        allowedOrigins = allowedOrigins == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(allowedOrigins));
    }

    /** The experience with these allowed origins. */
    public ContestExperience withAllowedOrigins(List<String> origins) {
        return new ContestExperience(
                description,
                prize,
                imageUrl,
                logoUrl,
                accentColor,
                terms,
                showLeaderboard,
                origins,
                welcomeEmail,
                rankDigest);
    }

    /**
     * An origin as the browser sends it in {@code Origin}: lower case, no trailing slash. Unchanged
     * (and then refused by {@link #problems()}) when it is no origin.
     */
    public static String origin(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    /** Whether a request's {@code Origin} is one of the allowed ones. */
    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    public static final int DESCRIPTION_MAX = 10_000;
    public static final int PRIZE_MAX = 300;
    public static final int URL_MAX = 2_000;
    public static final int TERMS_MAX = 20_000;

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /** The rule of each field, as field errors (empty when every field is acceptable). */
    public List<FieldError> problems() {
        List<FieldError> errors = new java.util.ArrayList<>();
        longText("description", description, DESCRIPTION_MAX, errors);
        if (prize != null && (prize.isBlank() || prize.length() > PRIZE_MAX)) {
            errors.add(new FieldError("prize", "must be 1 to " + PRIZE_MAX + " characters"));
        } else if (!Texts.singleLine(prize)) {
            errors.add(new FieldError("prize", Texts.SINGLE_LINE_MESSAGE));
        }
        url("imageUrl", imageUrl, errors);
        url("logoUrl", logoUrl, errors);
        if (accentColor != null && !COLOR.matcher(accentColor).matches()) {
            errors.add(new FieldError("accentColor", "must be a colour written #rrggbb, like #1545b3"));
        }
        longText("terms", terms, TERMS_MAX, errors);
        if (allowedOrigins.size() > ORIGINS_MAX) {
            errors.add(new FieldError("allowedOrigins", "must hold at most " + ORIGINS_MAX + " origins"));
        }
        for (int i = 0; i < allowedOrigins.size(); i++) {
            String origin = allowedOrigins.get(i);
            if (origin == null || !ORIGIN.matcher(origin).matches() || origin.length() > 200) {
                errors.add(new FieldError(
                        "allowedOrigins[" + i + "]",
                        "must be a site's origin, https://host or https://host:port (http only for localhost),"
                                + " without a path"));
            }
        }
        return errors;
    }

    /** The accent colour in lower case, as the pages write it (null when none). */
    public String accent() {
        return accentColor == null ? null : accentColor.toLowerCase(Locale.ROOT);
    }

    private static void longText(String field, String value, int max, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                errors.add(new FieldError(field, "contains control characters; only line breaks and tabs are allowed"));
                return;
            }
        }
    }

    /** An absolute https URL with a host, no spaces, no control characters and no user info. */
    static boolean httpsUrl(String value) {
        if (value == null || value.length() > URL_MAX || !Texts.singleLine(value) || value.contains(" ")) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return "https".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void url(String field, String value, List<FieldError> errors) {
        if (value != null && !httpsUrl(value)) {
            errors.add(new FieldError(
                    field,
                    "must be an https:// address of at most " + URL_MAX
                            + " characters, like https://example.com/prize.png"));
        }
    }
}
