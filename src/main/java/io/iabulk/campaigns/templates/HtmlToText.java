package io.iabulk.campaigns.templates;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text rendering of email HTML, for the text part of a message whose template has none:
 * scripts, styles and comments dropped, block elements as line breaks, list items as "- ", links as
 * {@code text (url)}, entities decoded. Email HTML is simple enough that this needs no parser.
 */
public final class HtmlToText {

    private static final Pattern INVISIBLE = Pattern.compile(
            "<!--.*?-->|<(script|style|head|title)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile(
            "<a\\b[^>]*?\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))[^>]*>(.*?)</a\\s*>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BREAK = Pattern.compile("<br\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern PARAGRAPH =
            Pattern.compile("</?(p|h[1-6]|table|ul|ol|blockquote|pre|hr)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK = Pattern.compile(
            "</?(div|tr|li|section|article|header|footer|nav|center|dl|dt|dd|address|figure|form)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CELL = Pattern.compile("</t[dh]\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    // markers of the breaks elements make, resolved once all tags are gone
    private static final String LINE = "\u0001";
    private static final String PARAGRAPH_BREAK = "\u0002";
    private static final Pattern BREAKS = Pattern.compile("[ \\t\\u00a0]*(?:[\\n\\u0001\\u0002][ \\t\\u00a0]*)+");
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

    public static String convert(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        // source line breaks are just spaces in HTML; the breaks of the text come from the elements
        String text = html.replaceAll("\\s+", " ");
        text = INVISIBLE.matcher(text).replaceAll(" ");
        text = replaceLinks(text);
        text = BREAK.matcher(text).replaceAll("\n");
        text = LIST_ITEM.matcher(text).replaceAll(LINE + "- ");
        text = PARAGRAPH.matcher(text).replaceAll(PARAGRAPH_BREAK);
        text = BLOCK.matcher(text).replaceAll(LINE);
        text = CELL.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll("");
        text = decodeEntities(text);
        // a run of breaks is one line break, or a blank line when a paragraph or two <br> are in it
        Matcher breaks = BREAKS.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (breaks.find()) {
            String run = breaks.group();
            boolean blank = run.indexOf(PARAGRAPH_BREAK.charAt(0)) >= 0 || run.indexOf('\n') != run.lastIndexOf('\n');
            breaks.appendReplacement(out, blank ? "\n\n" : "\n");
        }
        breaks.appendTail(out);
        return out.toString()
                .replaceAll("[ \\t\\u00a0]+", " ")
                .replaceAll(" ?\n ?", "\n")
                .strip();
    }

    private static String replaceLinks(String html) {
        Matcher m = LINK.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String url = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String label = TAG.matcher(m.group(4)).replaceAll("").strip();
            String lowerUrl = url.strip().toLowerCase(Locale.ROOT);
            String replacement;
            if (url.isBlank() || lowerUrl.startsWith("#") || lowerUrl.startsWith("javascript:")) {
                replacement = m.group(4); // nothing a reader could follow
            } else if (("mailto:" + label).equalsIgnoreCase(url.strip())) {
                replacement = label;
            } else if (label.isEmpty() || label.equals(url.strip())) {
                replacement = url.strip();
            } else {
                replacement = m.group(4) + " (" + url.strip() + ")";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String decodeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            String decoded;
            if (name.charAt(0) == '#') {
                int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                decoded = Character.isValidCodePoint(code) && code != 0 ? Character.toString(code) : m.group();
            } else {
                decoded = NAMED.getOrDefault(name, m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }
}
