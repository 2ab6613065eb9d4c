package io.iabulk.campaigns.templates;

/**
 * The footer a campaign message gets when its template has no visible unsubscribe link (ADR 0018).
 * Its wording lives here and nowhere else: translating it (by the contact's {@code locale}) is a
 * change to this class only.
 */
public final class UnsubscribeFooter {

    /** Appended to the HTML part, before {@code </body>} when there is one. */
    static final String HTML = "\n<p style=\"margin:24px 0 0;font-size:12px;line-height:18px;color:#666666\">"
            + "Don't want these emails?"
            + " <a href=\"{{unsubscribeUrl}}\" style=\"color:#666666;text-decoration:underline\">Unsubscribe</a></p>\n";

    /** Appended to a text part written by the template. */
    static final String TEXT = "\n\n--\nDon't want these emails? Unsubscribe: {{unsubscribeUrl}}\n";

    private UnsubscribeFooter() {}

    /** The HTML source with the footer before its last {@code </body>}, or at its end. */
    static String appendToHtml(String html) {
        int body = lastIndexOfIgnoreCase(html, "</body");
        if (body < 0) {
            body = lastIndexOfIgnoreCase(html, "</html");
        }
        return body < 0 ? html + HTML : html.substring(0, body) + HTML + html.substring(body);
    }

    /** The text source with the footer after it. */
    static String appendToText(String text) {
        return text.stripTrailing() + TEXT;
    }

    private static int lastIndexOfIgnoreCase(String text, String lowerCase) {
        for (int k = text.length() - lowerCase.length(); k >= 0; k--) {
            if (text.regionMatches(true, k, lowerCase, 0, lowerCase.length())) {
                return k;
            }
        }
        return -1;
    }
}
