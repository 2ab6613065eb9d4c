package io.iabulk.campaigns.templates;

/**
 * The two scans the module's hand-written HTML readers share (the text part, link tracking, the
 * unsubscribe-link check). ADR 0017 says why they are not jsoup.
 */
public final class HtmlScan {

    private HtmlScan() {}

    /** The index of the {@code >} closing a tag (quoted values may hold one), or -1 when it is not closed. */
    public static int tagEnd(String html, int from) {
        for (int k = from; k < html.length(); k++) {
            char c = html.charAt(k);
            if (c == '>') {
                return k;
            }
            if (c == '"' || c == '\'') {
                k = html.indexOf(c, k + 1);
                if (k < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** The first index of {@code what} at or after {@code from}, ignoring case, or -1. */
    public static int indexOfIgnoreCase(String text, String what, int from) {
        int length = what.length();
        for (int k = Math.max(0, from); k <= text.length() - length; k++) {
            if (text.regionMatches(true, k, what, 0, length)) {
                return k;
            }
        }
        return -1;
    }
}
