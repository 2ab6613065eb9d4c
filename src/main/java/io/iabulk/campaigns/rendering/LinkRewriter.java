package io.iabulk.campaigns.rendering;

import io.iabulk.campaigns.RenderedMessage;
import io.iabulk.campaigns.templates.DataMarks;
import io.iabulk.campaigns.templates.HtmlScan;
import io.iabulk.campaigns.templates.HtmlToText;
import io.iabulk.campaigns.templates.MarkedMessage;
import io.iabulk.platform.PublicUrls;
import io.iabulk.tracking.TrackingLinks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Makes a rendered message trackable: every http(s) {@code href} of an {@code <a>} or {@code
 * <area>} in the HTML part and every bare http(s) URL of the text part becomes a signed click
 * redirect, and the open pixel goes just before {@code </body>}. Left alone: other schemes
 * ({@code mailto:}, {@code tel:}, {@code #anchors}), the send's unsubscribe link, links already
 * pointing at this service's {@code /t/} or {@code /u/}, links marked {@code data-iab-notrack}, and
 * URLs too long to sign. A link's index is its position among the tracked links of the HTML part;
 * a text URL reuses the index of the same URL in the HTML, else gets the next one after them, and
 * the link count covers both parts.
 *
 * <p>Only the template author's links are tracked, never a URL that a contact or participant put
 * in their data (a first name {@code https://evil.example/x} must not become a signed redirect on
 * our domain): the message comes with its substituted values marked ({@link DataMarks}). In the
 * HTML, a link counts when its tag and its {@code href} attribute are the template's, whatever was
 * substituted into the value ({@code href="{{attributes.link}}"} is the author's choice). In the
 * text, a URL counts when its scheme ({@code https://}) is the template's, or when it is a URL already
 * tracked in the HTML (the derived text repeats the HTML's links: that creates no new redirect).
 *
 * <p>It runs once per recipient, so it scans by hand from {@code <} to {@code <} (a regular
 * expression only splits the attributes of a link tag) and builds each part in one copy: no DOM.
 * Quoted attribute values may hold {@code >}; comments other than Outlook's conditional ones are
 * skipped ({@code <!-->} is an empty one, as browsers read it); a tag left unclosed is not a link.
 * Measured against jsoup in docs/decisions/0017.
 */
@Component
class LinkRewriter {

    private static final Pattern ATTRIBUTE =
            Pattern.compile("([^\\s\"'>/=]+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    static final String OPT_OUT = "data-iab-notrack";

    private final TrackingLinks links;
    private final PublicUrls urls;

    LinkRewriter(TrackingLinks links, PublicUrls urls) {
        this.links = links;
        this.urls = urls;
    }

    /** A link found in a part: the characters to replace, its decoded URL and its index. */
    record Link(int start, int end, String url, int index) {}

    /**
     * The message with tracked links and the open pixel of this send.
     *
     * @param appendClickToken whether the click redirects append {@code iab_click}
     * @param unsubscribeUrl the send's own unsubscribe link, never tracked
     */
    RenderedMessage rewrite(MarkedMessage message, long sendId, boolean appendClickToken, String unsubscribeUrl) {
        Own own = new Own(urls.of("/t/"), urls.of("/u/"), unsubscribeUrl);
        DataMarks.Split markedHtml = DataMarks.split(message.html() == null ? "" : message.html());
        DataMarks.Split markedText = message.text() == null ? null : DataMarks.split(message.text());
        String html = markedHtml.text();
        String text = markedText == null ? null : markedText.text();
        List<Link> htmlLinks = htmlLinks(markedHtml, own);
        Map<String, Integer> indexes = new HashMap<>();
        for (Link link : htmlLinks) {
            indexes.putIfAbsent(link.url(), link.index());
        }
        List<Link> textLinks = new ArrayList<>();
        int count = htmlLinks.size();
        int at = text == null ? -1 : nextUrl(text, 0);
        while (at >= 0) {
            int end = urlEnd(text, at);
            String url = text.substring(at, end);
            Integer index = indexes.get(url);
            if (own.tracks(url) && (index != null || authored(markedText, at))) {
                if (index == null) {
                    index = count++;
                    indexes.put(url, index);
                }
                textLinks.add(new Link(at, end, url, index));
            }
            at = nextUrl(text, end);
        }
        StringBuilder newHtml = replace(html, htmlLinks, sendId, count, appendClickToken, true);
        int body = lastIndexOfIgnoreCase(newHtml, "</body");
        String pixel = "<img src=\"" + escape(links.openUrl(sendId))
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
        newHtml.insert(body < 0 ? newHtml.length() : body, pixel);
        String newText = text == null
                ? null
                : replace(text, textLinks, sendId, count, appendClickToken, false)
                        .toString();
        return new RenderedMessage(message.subject(), newHtml.toString(), newText);
    }

    /** The tracked links of the HTML part, in order (an instance method: the jsoup variant of the benchmark overrides it). */
    List<Link> htmlLinks(DataMarks.Split marked, Own own) {
        String html = marked.text();
        List<Link> found = new ArrayList<>();
        Matcher attribute = ATTRIBUTE.matcher(html);
        int n = html.length();
        int i = html.indexOf('<');
        while (i >= 0) {
            if (html.startsWith("<!--", i) && !html.startsWith("<!--[if", i)) {
                int close = HtmlToText.commentEnd(html, i);
                i = close < 0 ? -1 : html.indexOf('<', close);
                continue;
            }
            int name = i + 1;
            int nameEnd = name;
            while (nameEnd < n && Character.isLetter(html.charAt(nameEnd))) {
                nameEnd++;
            }
            int end = -1;
            if (!marked.isData(i) && isLinkTag(html, name, nameEnd)) {
                end = HtmlScan.tagEnd(html, nameEnd);
            }
            if (end < 0) {
                i = html.indexOf('<', i + 1);
                continue;
            }
            Link href = href(attribute.region(nameEnd, end), found.size());
            if (href != null && !marked.isData(href.start()) && own.tracks(href.url())) {
                found.add(href);
            }
            i = html.indexOf('<', end + 1);
        }
        return found;
    }

    /** {@code a} or {@code area}, in any case, followed by a space, {@code /} or {@code >}. */
    private static boolean isLinkTag(String html, int name, int nameEnd) {
        int length = nameEnd - name;
        boolean link = length == 1 && (html.charAt(name) | 0x20) == 'a'
                || length == 4 && html.regionMatches(true, name, "area", 0, 4);
        if (!link || nameEnd >= html.length()) {
            return false;
        }
        char next = html.charAt(nameEnd);
        return next == '>' || next == '/' || Character.isWhitespace(next);
    }

    /** The first {@code href} of a link tag's attributes, or null when it has none or opts out. */
    private static Link href(Matcher attribute, int index) {
        Link href = null;
        while (attribute.find()) {
            String name = attribute.group(1);
            if (name.equalsIgnoreCase(OPT_OUT)) {
                return null;
            }
            if (href == null && name.equalsIgnoreCase("href")) {
                String raw = attribute.group(2) != null
                        ? attribute.group(2)
                        : attribute.group(3) != null ? attribute.group(3) : attribute.group(4);
                String url = raw == null ? "" : HtmlToText.decodeEntities(raw).strip();
                href = new Link(attribute.start(), attribute.end(), url, index);
            }
        }
        return href;
    }

    private StringBuilder replace(
            String source, List<Link> found, long sendId, int count, boolean appendClickToken, boolean html) {
        StringBuilder out = new StringBuilder(source.length() + found.size() * 120 + 200);
        int at = 0;
        for (Link link : found) {
            String click = links.clickUrl(sendId, link.index(), count, appendClickToken, link.url());
            if (click.equals(link.url())) {
                continue; // too long to sign: left as written
            }
            out.append(source, at, link.start());
            if (html) {
                out.append("href=\"").append(escape(click)).append('"');
            } else {
                out.append(click);
            }
            at = link.end();
        }
        return out.append(source, at, source.length());
    }

    /** Where the next {@code http://} or {@code https://} (any case) of a text starts, or -1. */
    private static int nextUrl(String text, int from) {
        for (int k = from; k < text.length() - 7; k++) {
            if ((text.charAt(k) | 0x20) == 'h' && text.regionMatches(true, k, "http", 0, 4)) {
                if (text.startsWith("://", k + 4)
                        || (text.charAt(k + 4) | 0x20) == 's' && text.startsWith("://", k + 5)) {
                    return k;
                }
            }
        }
        return -1;
    }

    /** Whether the template wrote the scheme of the URL at {@code at} ({@code http://} or {@code https://}). */
    private static boolean authored(DataMarks.Split text, int at) {
        int schemeEnd = text.text().indexOf("://", at) + 3;
        for (int k = at; k < schemeEnd; k++) {
            if (text.isData(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a URL found in text ends: at a space, {@code <}, {@code >} or a quote, without trailing
     * punctuation or an unbalanced {@code )}.
     */
    private static int urlEnd(String text, int start) {
        int end = start;
        while (end < text.length() && "<>\"' \t\r\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        while (end > start) {
            char c = text.charAt(end - 1);
            if (".,;:!?".indexOf(c) >= 0) {
                end--;
            } else if (c == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static int lastIndexOfIgnoreCase(CharSequence s, String lowerCase) {
        int length = lowerCase.length();
        for (int k = s.length() - length; k >= 0; k--) {
            int i = 0;
            while (i < length && Character.toLowerCase(s.charAt(k + i)) == lowerCase.charAt(i)) {
                i++;
            }
            if (i == length) {
                return k;
            }
        }
        return -1;
    }

    /** An attribute value in double quotes. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** What of this service a message may already link to: those links are not tracked. */
    record Own(String clickPrefix, String unsubscribePrefix, String unsubscribeUrl) {

        boolean tracks(String url) {
            boolean web = url.regionMatches(true, 0, "https://", 0, 8) && url.length() > 8
                    || url.regionMatches(true, 0, "http://", 0, 7) && url.length() > 7;
            return web
                    && !url.equals(unsubscribeUrl)
                    && !url.startsWith(clickPrefix)
                    && !url.startsWith(unsubscribePrefix);
        }
    }
}
