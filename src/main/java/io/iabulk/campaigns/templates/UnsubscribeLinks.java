package io.iabulk.campaigns.templates;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a template's sources give every recipient a visible unsubscribe link (ADR 0018). Read
 * from the sources once per template version, never per message:
 *
 * <ul>
 *   <li>HTML part: an {@code <a>} whose {@code href} starts with {@code {{unsubscribeUrl}}} (or
 *       {@code {{{unsubscribeUrl}}}}) and has something to click (text, an image or a variable);
 *       not inside an HTML comment, {@code <head>}, {@code <script>}/{@code <style>}/{@code
 *       <title>}/{@code <template>}, an element that is hidden ({@code hidden}, or a {@code style}
 *       with {@code display:none}, {@code visibility:hidden}, {@code opacity:0}, {@code font-size:0},
 *       {@code mso-hide:all}, or {@code max-height:0} with {@code overflow:hidden}), a Handlebars
 *       comment, or any Handlebars block ({@code {{#if}}}, {@code {{#each}}}, ...: it may render for
 *       some recipients only);
 *   <li>text part: {@code {{unsubscribeUrl}}} outside Handlebars comments and blocks; a text part
 *       derived from the HTML has a link when the HTML has one.
 * </ul>
 *
 * A hand-written scan, not a DOM: templates are not valid HTML until rendered, and the question is
 * narrow. Markup that would fool it (a link hidden by a class of a {@code <style>} sheet, white on
 * white) is not looked for: the check protects operators from forgetting the link, not from hiding
 * it on purpose.
 */
public final class UnsubscribeLinks {

    /** Which parts of a template have a visible unsubscribe link. */
    public record Presence(boolean html, boolean text) {

        /** Whether both parts have one. */
        public boolean complete() {
            return html && text;
        }
    }

    private static final Pattern ATTRIBUTE =
            Pattern.compile("([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Set<String> VOID = Set.of(
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
            "wbr");
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "title", "template", "textarea");
    private static final Pattern HIDING = Pattern.compile(
            "display:none|visibility:hidden|mso-hide:all|opacity:0*(\\.0*)?(?![.\\d])|font-size:0+(px|pt|em|rem|%)?(?![.\\d])");

    private UnsubscribeLinks() {}

    /**
     * @param text the text source, or null when the text part is derived from the HTML
     */
    public static Presence of(String html, String text) {
        boolean inHtml = html != null && inHtml(html);
        return new Presence(inHtml, text == null ? inHtml : inText(text));
    }

    /** Whether the text source writes {@code {{unsubscribeUrl}}} where every recipient gets it. */
    static boolean inText(String text) {
        return !new Mustaches(withoutComments(text)).links().isEmpty();
    }

    /** Whether the HTML source has a visible link to {@code {{unsubscribeUrl}}}. */
    static boolean inHtml(String source) {
        Mustaches mustaches = new Mustaches(withoutComments(source));
        BitSet links = mustaches.links();
        if (links.isEmpty()) {
            return false;
        }
        // quotes and angle brackets inside {{…}} (a helper's string parameter) are not markup
        String html = mustaches.masked();
        Deque<Element> open = new ArrayDeque<>();
        int n = html.length();
        int at = html.indexOf('<');
        while (at >= 0 && at < n - 1) {
            if (html.startsWith("<!--", at)) {
                int close = html.indexOf("-->", at + 4);
                at = close < 0 ? -1 : html.indexOf('<', close + 3);
                continue;
            }
            char next = html.charAt(at + 1);
            if (next == '!' || next == '?') {
                int close = html.indexOf('>', at);
                at = close < 0 ? -1 : html.indexOf('<', close);
                continue;
            }
            boolean closing = next == '/';
            int nameStart = closing ? at + 2 : at + 1;
            int nameEnd = nameStart;
            while (nameEnd < n && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
                nameEnd++;
            }
            if (nameEnd == nameStart || !Character.isLetter(html.charAt(nameStart))) {
                at = html.indexOf('<', at + 1); // a "<" of the text
                continue;
            }
            String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
            int end = HtmlScan.tagEnd(html, nameEnd);
            if (end < 0) {
                return false; // an unclosed tag ends the document
            }
            if (closing) {
                close(open, name);
                at = html.indexOf('<', end);
                continue;
            }
            boolean hidden = !open.isEmpty() && open.peek().hidden() || name.equals("head");
            Matcher attributes = ATTRIBUTE.matcher(html).region(nameEnd, end);
            int href = -1;
            while (attributes.find()) {
                String attribute = attributes.group(1).toLowerCase(Locale.ROOT);
                String value = value(attributes);
                if (attribute.equals("hidden") || attribute.equals("style") && hides(value)) {
                    hidden = true;
                } else if (attribute.equals("href") && href < 0 && value != null) {
                    href = valueStart(attributes);
                }
            }
            if (name.equals("a") && !hidden && href >= 0 && startsWithLink(html, href, links)) {
                if (hasContent(html, end + 1)) {
                    return true;
                }
            }
            if (RAW_TEXT.contains(name)) {
                int close = HtmlScan.indexOfIgnoreCase(html, "</" + name, end);
                at = close < 0 ? -1 : close;
                continue;
            }
            if (!VOID.contains(name) && html.charAt(end - 1) != '/') {
                open.push(new Element(name, hidden));
            }
            at = html.indexOf('<', end);
        }
        return false;
    }

    private record Element(String name, boolean hidden) {}

    /** Closes the innermost open element of that name and those it holds; a stray end tag is ignored. */
    private static void close(Deque<Element> open, String name) {
        for (Element element : open) {
            if (element.name().equals(name)) {
                while (!open.pop().name().equals(name)) {
                    // the elements left open inside it end with it
                }
                return;
            }
        }
    }

    static boolean hides(String style) {
        if (style == null) {
            return false;
        }
        String css = style.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        return HIDING.matcher(css).find() || css.contains("max-height:0") && css.contains("overflow:hidden");
    }

    private static String value(Matcher attribute) {
        for (int group = 2; group <= 4; group++) {
            if (attribute.group(group) != null) {
                return attribute.group(group);
            }
        }
        return null;
    }

    private static int valueStart(Matcher attribute) {
        for (int group = 2; group <= 4; group++) {
            if (attribute.group(group) != null) {
                return attribute.start(group);
            }
        }
        return -1;
    }

    /** Whether the attribute value at {@code from} starts (after spaces) with a top-level link variable. */
    private static boolean startsWithLink(String html, int from, BitSet links) {
        int k = from;
        while (k < html.length() && Character.isWhitespace(html.charAt(k))) {
            k++;
        }
        return links.get(k);
    }

    /** Whether the link whose start tag ends before {@code from} holds text, an image or a variable. */
    private static boolean hasContent(String html, int from) {
        int close = HtmlScan.indexOfIgnoreCase(html, "</a", from);
        String content = html.substring(from, close < 0 ? html.length() : close);
        if (content.contains("{{") || HtmlScan.indexOfIgnoreCase(content, "<img", 0) >= 0) {
            return true;
        }
        String text = content.replaceAll("<[^>]*>", "")
                .replaceAll("&(nbsp|#160|#xa0|zwnj|#8204);", " ")
                .strip();
        return !text.isEmpty();
    }

    /**
     * The Handlebars tags of a source: where the {@code {{unsubscribeUrl}}} variables (double,
     * triple or {@code &}) outside every block start, and the source with the inside of every tag
     * masked (same length).
     */
    private record Mustaches(BitSet links, String masked) {

        Mustaches(String source) {
            this(new BitSet(), source);
        }

        Mustaches {
            StringBuilder out = new StringBuilder(masked);
            int depth = 0;
            int at = masked.indexOf("{{");
            while (at >= 0) {
                int end = masked.indexOf("}}", at + 2);
                if (end < 0) {
                    break;
                }
                String tag = stripControl(
                        masked.substring(at + 2, end).replace("{", "").replace("}", ""));
                if (tag.startsWith("#")
                        || tag.startsWith("^")
                                && !stripControl(tag.substring(1)).isEmpty()) {
                    depth++;
                } else if (tag.startsWith("/")) {
                    depth = Math.max(0, depth - 1);
                } else if (depth == 0 && isLinkVariable(tag)) {
                    links.set(at);
                }
                for (int k = at + 2; k < end; k++) {
                    if (out.charAt(k) != '{') {
                        out.setCharAt(k, '_');
                    }
                }
                at = masked.indexOf("{{", end + 2);
            }
            masked = out.toString();
        }
    }

    private static boolean isLinkVariable(String tag) {
        String name = tag.startsWith("&") ? stripControl(tag.substring(1)) : tag;
        return name.equals(TemplateVariables.UNSUBSCRIBE_URL)
                || name.equals("this." + TemplateVariables.UNSUBSCRIBE_URL)
                || name.equals("./" + TemplateVariables.UNSUBSCRIBE_URL);
    }

    /** A tag without whitespace control ({@code ~}) and spaces around it. */
    private static String stripControl(String tag) {
        String stripped = tag.strip();
        if (stripped.startsWith("~")) {
            stripped = stripped.substring(1);
        }
        if (stripped.endsWith("~")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped.strip();
    }

    /** The source with its Handlebars comments ({@code {{!-- --}}}, {@code {{! }}}) blanked out. */
    static String withoutComments(String source) {
        if (!source.contains("{{!") && !source.contains("{{~!")) {
            return source;
        }
        StringBuilder out = new StringBuilder(source);
        int at = source.indexOf("{{");
        while (at >= 0) {
            int bang = source.startsWith("~", at + 2) ? at + 3 : at + 2;
            int end;
            if (source.startsWith("!--", bang)) {
                int close = source.indexOf("--}}", bang + 3);
                int trimmed = source.indexOf("--~}}", bang + 3);
                if (close < 0 || trimmed >= 0 && trimmed < close) {
                    close = trimmed < 0 ? -1 : trimmed + 1;
                }
                end = close < 0 ? source.length() : close + 4;
            } else if (source.startsWith("!", bang)) {
                int close = source.indexOf("}}", bang);
                end = close < 0 ? source.length() : close + 2;
            } else {
                int close = source.indexOf("}}", at + 2);
                at = close < 0 ? -1 : source.indexOf("{{", close + 2);
                continue;
            }
            for (int k = at; k < end; k++) {
                if (out.charAt(k) != '\n') {
                    out.setCharAt(k, ' ');
                }
            }
            at = source.indexOf("{{", end);
        }
        return out.toString();
    }
}
