package io.iabulk.campaigns.templates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text rendering of email HTML, for the text part of a message whose template has none:
 * scripts, styles, the head and comments dropped, block elements as line breaks (paragraphs,
 * headings, lists and tables as blank lines), list items as "- ", links as {@code text (url)},
 * entities decoded. One pass over the HTML (it runs for every send): email HTML is simple enough
 * that this needs no parser.
 */
public final class HtmlToText {

    private static final Pattern HREF =
            Pattern.compile("\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    static final Set<String> INVISIBLE = Set.of("script", "style", "head", "title");
    static final Set<String> PARAGRAPHS =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr");
    static final Set<String> LINES = Set.of(
            "div", "tr", "li", "section", "article", "header", "footer", "nav", "center", "dl", "dt", "dd", "address",
            "figure", "form");
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", " "),
            Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"),
            Map.entry("hellip", "\u2026"),
            Map.entry("mdash", "\u2014"),
            Map.entry("ndash", "\u2013"),
            Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201c"),
            Map.entry("rdquo", "\u201d"),
            Map.entry("laquo", "\u00ab"),
            Map.entry("raquo", "\u00bb"),
            Map.entry("bull", "\u2022"),
            Map.entry("middot", "\u00b7"),
            Map.entry("euro", "\u20ac"),
            Map.entry("pound", "\u00a3"),
            Map.entry("yen", "\u00a5"),
            Map.entry("cent", "\u00a2"),
            Map.entry("deg", "\u00b0"),
            Map.entry("times", "\u00d7"),
            Map.entry("eacute", "\u00e9"),
            Map.entry("egrave", "\u00e8"),
            Map.entry("agrave", "\u00e0"),
            Map.entry("ccedil", "\u00e7"),
            Map.entry("uuml", "\u00fc"),
            Map.entry("ouml", "\u00f6"),
            Map.entry("auml", "\u00e4"),
            Map.entry("szlig", "\u00df"),
            Map.entry("zwnj", ""),
            Map.entry("shy", ""));

    private HtmlToText() {}

    /**
     * The HTML standard's 2,125 named references ({@code &rarr;}, {@code &check;}, {@code &hearts;}
     * ...), read once from {@code html5-entities.txt}; {@link #NAMED} goes first and keeps our
     * choices for the plain text ({@code &nbsp;} a space, {@code &zwnj;} and {@code &shy;} nothing).
     */
    private static final class Html5Entities {

        static final Map<String, String> TABLE = load();

        private static Map<String, String> load() {
            Map<String, String> table = new HashMap<>(4096);
            try (InputStream in = HtmlToText.class.getResourceAsStream("html5-entities.txt")) {
                String all = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                for (String line : all.split("\n")) {
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String[] fields = line.split(" ");
                    StringBuilder value = new StringBuilder(2);
                    for (int k = 1; k < fields.length; k++) {
                        value.appendCodePoint(Integer.parseInt(fields[k], 16));
                    }
                    table.put(fields[0], value.toString());
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot read html5-entities.txt", e);
            }
            return Map.copyOf(table);
        }
    }

    public static String convert(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        Text out = new Text(html.length());
        // the marks of substituted values inside skipped markup are kept, so that a value that
        // starts in a tag and ends in text (raw HTML) still reads as data (see DataMarks)
        boolean marked = html.indexOf(DataMarks.START) >= 0;
        int n = html.length();
        int i = 0;
        String href = null;
        int labelStart = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c == '&') {
                int semicolon = html.indexOf(';', i);
                String decoded = semicolon > i && semicolon - i <= 33 ? entity(html.substring(i + 1, semicolon)) : null;
                if (decoded != null) {
                    out.text(decoded);
                    i = semicolon + 1;
                } else {
                    out.text(c);
                    i++;
                }
                continue;
            }
            if (c != '<') {
                out.text(c);
                i++;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = commentEnd(html, i);
                int from = i;
                i = end < 0 ? n : end;
                if (marked) {
                    out.marksOf(html, from, i);
                }
                continue;
            }
            int end = html.indexOf('>', i + 1);
            int p = i + 1;
            boolean closing = p < n && html.charAt(p) == '/';
            if (closing) {
                p++;
            }
            int nameStart = p;
            while (p < n && p < end && Character.isLetterOrDigit(html.charAt(p))) {
                p++;
            }
            if (end < 0 || (p == nameStart && !(p < n && (html.charAt(p) == '!' || html.charAt(p) == '?')))) {
                out.text(c); // a '<' that opens no tag is text
                i++;
                continue;
            }
            String name = html.substring(nameStart, p).toLowerCase(Locale.ROOT);
            if (marked) {
                out.marksOf(html, i, end + 1);
            }
            i = end + 1;
            if (!closing && INVISIBLE.contains(name)) {
                int close = HtmlScan.indexOfIgnoreCase(html, "</" + name, i);
                int gt = close < 0 ? -1 : html.indexOf('>', close);
                int from = i;
                i = gt < 0 ? n : gt + 1;
                if (marked) {
                    out.marksOf(html, from, i);
                }
                out.space();
            } else if (name.equals("br")) {
                out.br();
            } else if (PARAGRAPHS.contains(name)) {
                out.paragraph();
            } else if (name.equals("li") && !closing) {
                out.line();
                out.text("- ");
            } else if (LINES.contains(name)) {
                out.line();
            } else if ((name.equals("td") || name.equals("th")) && closing) {
                out.space();
            } else if (name.equals("a") && !closing) {
                Matcher m = HREF.matcher(html).region(p, end);
                href = m.find()
                        ? (m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3))
                        : null;
                labelStart = out.length();
            } else if (name.equals("a") && href != null) {
                out.link(labelStart, decodeEntities(href).strip());
                href = null;
            }
        }
        return out.toString();
    }

    /**
     * The text being written: spaces collapse, and a run of breaks becomes one or two newlines. The
     * {@link DataMarks} of substituted values take no room: a value's opening mark waits for its
     * first visible character (so the separator before it stays outside the value, and a blank value
     * leaves no marks), a closing mark is written at once.
     */
    static final class Text {

        private final StringBuilder sb;
        private final StringBuilder openMarks = new StringBuilder();
        private boolean space;
        private boolean lineBreak;
        private boolean paragraphBreak;
        private int brs;
        private boolean content;

        Text(int capacity) {
            sb = new StringBuilder(capacity);
        }

        int length() {
            return sb.length();
        }

        void text(String s) {
            for (int k = 0; k < s.length(); k++) {
                text(s.charAt(k));
            }
        }

        void text(char c) {
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00a0') {
                space = true;
                return;
            }
            if (c == DataMarks.START) {
                openMarks.append(c);
                return;
            }
            if (c == DataMarks.END) {
                if (openMarks.isEmpty()) {
                    sb.append(c);
                } else {
                    openMarks.setLength(openMarks.length() - 1); // a value with nothing visible
                }
                return;
            }
            if (content) {
                if (paragraphBreak || brs >= 2) {
                    sb.append("\n\n");
                } else if (lineBreak || brs == 1) {
                    sb.append('\n');
                } else if (space) {
                    sb.append(' ');
                }
            }
            space = lineBreak = paragraphBreak = false;
            brs = 0;
            content = true;
            sb.append(openMarks).append(c);
            openMarks.setLength(0);
        }

        void space() {
            space = true;
        }

        /** Keeps the marks of skipped markup. */
        void marksOf(String html, int from, int to) {
            for (int k = from; k < to; k++) {
                if (DataMarks.isMark(html.charAt(k))) {
                    text(html.charAt(k));
                }
            }
        }

        void br() {
            brs++;
        }

        void line() {
            lineBreak = true;
        }

        void paragraph() {
            paragraphBreak = true;
        }

        /** Ends a link whose label starts at {@code labelStart}: {@code label (url)}. */
        void link(int labelStart, String url) {
            while (labelStart < sb.length() && (sb.charAt(labelStart) == ' ' || sb.charAt(labelStart) == '\n')) {
                labelStart++;
            }
            String label = labelStart < sb.length() ? sb.substring(labelStart) : "";
            // compared without the marks of substituted values, written with them
            String plainLabel = DataMarks.strip(label);
            String plainUrl = DataMarks.strip(url);
            String lower = plainUrl.toLowerCase(Locale.ROOT);
            if (plainUrl.isEmpty() || lower.startsWith("#") || lower.startsWith("javascript:")) {
                return; // nothing a reader could follow
            }
            if (("mailto:" + plainLabel).equalsIgnoreCase(plainUrl)) {
                return;
            }
            if (plainLabel.isEmpty() || plainLabel.equals(plainUrl)) {
                sb.setLength(labelStart);
                text(url);
                // the label's marks, in order, after the URL: what was data after the link still is
                for (int k = 0; k < label.length(); k++) {
                    if (DataMarks.isMark(label.charAt(k))) {
                        sb.append(label.charAt(k));
                    }
                }
                return;
            }
            space = false;
            sb.append(" (").append(url).append(')');
        }

        @Override
        public String toString() {
            return sb.append(openMarks).toString(); // an unclosed value stays open: the safe side
        }
    }

    /**
     * Where the comment opening at {@code start} ends (past its {@code -->}), or -1 when it does
     * not. {@code <!-->} and {@code <!--->} are whole (empty) comments, as browsers read them: the
     * {@code <!--[if !mso]><!-->} of email templates shows what follows to every client but Outlook.
     */
    public static int commentEnd(CharSequence html, int start) {
        String s = html.toString();
        if (s.startsWith("<!-->", start)) {
            return start + 5;
        }
        if (s.startsWith("<!--->", start)) {
            return start + 6;
        }
        int end = s.indexOf("-->", start + 4);
        return end < 0 ? -1 : end + 3;
    }

    /** Decodes the character references of an HTML attribute value or text ({@code &amp;} to {@code &}). */
    public static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String decoded = entity(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(decoded != null ? decoded : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One entity by its name ({@code amp}, {@code #39}, {@code #x27}), or null when unknown. */
    private static String entity(String name) {
        if (name.isEmpty()) {
            return null;
        }
        if (name.charAt(0) != '#') {
            String named = NAMED.get(name);
            return named != null ? named : Html5Entities.TABLE.get(name);
        }
        try {
            int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                    ? Integer.parseInt(name.substring(2), 16)
                    : Integer.parseInt(name.substring(1));
            return Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
