package io.iabulk.contests;

import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.Texts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the participant pages show of a contest besides its rules. Every field is optional.
 *
 * @param description what the contest is about, in Markdown (raw HTML in it is shown as text)
 * @param prize the prize, one line ("A year of coffee")
 * @param imageUrl a picture of the prize or the campaign, {@code https} only; also the image of a
 *     shared link's card
 * @param logoUrl the organiser's logo, {@code https} only
 * @param accentColor the colour of buttons and links, {@code #rrggbb}
 * @param terms the rules and terms, in Markdown
 * @param showLeaderboard whether the pages show the top 10 (names masked)
 */
public record ContestBranding(
        String description,
        String prize,
        String imageUrl,
        String logoUrl,
        String accentColor,
        String terms,
        boolean showLeaderboard) {

    public static final ContestBranding NONE = new ContestBranding(null, null, null, null, null, null, false);

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
