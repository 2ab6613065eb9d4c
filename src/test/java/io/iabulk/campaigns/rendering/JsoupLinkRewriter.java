package io.iabulk.campaigns.rendering;

import io.iabulk.campaigns.templates.DataMarks;
import io.iabulk.platform.PublicUrls;
import io.iabulk.tracking.TrackingLinks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

/**
 * {@link LinkRewriter} with the links of the HTML part found by jsoup's HTML5 parser (with source
 * positions, so that the message is still rewritten in place: the rest of the HTML stays byte for
 * byte as rendered) instead of our scan, for the comparison of docs/decisions/0017. The same rules:
 * a link counts when its tag and its {@code href} are the template's (data marks), the opt-out
 * attribute and the own links are left alone, and Outlook's conditional comments are read as HTML.
 * Kept in the tests with the benchmark; not used by the application.
 */
class JsoupLinkRewriter extends LinkRewriter {

    JsoupLinkRewriter(TrackingLinks links, PublicUrls urls) {
        super(links, urls);
    }

    @Override
    List<Link> htmlLinks(DataMarks.Split marked, Own own) {
        List<Link> found = new ArrayList<>();
        collect(marked.text(), 0, marked, own, found);
        found.sort(Comparator.comparingInt(Link::start));
        List<Link> indexed = new ArrayList<>(found.size());
        for (Link link : found) {
            indexed.add(new Link(link.start(), link.end(), link.url(), indexed.size()));
        }
        return indexed;
    }

    /** The links of {@code html}, which starts at {@code offset} of the part. */
    private static void collect(String html, int offset, DataMarks.Split marked, Own own, List<Link> found) {
        Parser parser = Parser.htmlParser().setTrackPosition(true);
        parser.parseInput(html, "").traverse((Node node, int depth) -> {
            if (node instanceof Comment comment && comment.getData().startsWith("[if")) {
                // Outlook's conditional comments hold markup that Outlook shows
                Range range = comment.sourceRange();
                if (range.isTracked()) {
                    collect(comment.getData(), offset + range.startPos() + 4, marked, own, found);
                }
                return;
            }
            if (!(node instanceof Element element)
                    || !(element.normalName().equals("a")
                            || element.normalName().equals("area"))
                    || !element.hasAttr("href")
                    || element.hasAttr(OPT_OUT)) {
                return;
            }
            Range tag = element.sourceRange();
            if (!tag.isTracked() || tag.isImplicit() || marked.isData(offset + tag.startPos())) {
                return;
            }
            Range.AttributeRange href = element.attributes().sourceRange("href");
            if (!href.isTracked()) {
                return;
            }
            int start = offset + href.nameRange().startPos();
            int end = offset + valueEnd(html, href.valueRange().endPos());
            String url = element.attr("href").strip();
            if (!marked.isData(start) && own.tracks(url)) {
                found.add(new Link(start, end, url, -1));
            }
        });
    }

    /** Past the closing quote of a quoted value (jsoup's value range ends before it). */
    private static int valueEnd(String html, int end) {
        return end < html.length() && (html.charAt(end) == '"' || html.charAt(end) == '\'') ? end + 1 : end;
    }
}
