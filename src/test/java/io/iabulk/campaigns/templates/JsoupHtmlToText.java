package io.iabulk.campaigns.templates;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * {@link HtmlToText} written on jsoup's HTML5 parser instead of our scan, for the comparison of
 * docs/decisions/0017: the same rules (same {@link HtmlToText.Text} writer, same element sets,
 * same data marks), with jsoup deciding what is a tag, a comment, an entity and where an element
 * ends. Kept in the tests with the benchmark; not used by the application.
 */
public final class JsoupHtmlToText {

    private JsoupHtmlToText() {}

    public static String convert(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        HtmlToText.Text out = new HtmlToText.Text(html.length());
        Jsoup.parse(html).filter(new Writer(out));
        return out.toString();
    }

    /** Writes the text of each node on the way down and the breaks of block ends on the way up. */
    private static final class Writer implements NodeFilter {

        private final HtmlToText.Text out;
        private String href;
        private int labelStart;

        Writer(HtmlToText.Text out) {
            this.out = out;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode text) {
                out.text(text.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (node instanceof DataNode data) {
                marks(data.getWholeData());
                return FilterResult.CONTINUE;
            }
            if (node instanceof Comment comment) {
                marks(comment.getData());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            attributeMarks(element);
            String name = element.normalName();
            if (HtmlToText.INVISIBLE.contains(name)) {
                // what an invisible element holds is skipped, but not the marks of values in it
                element.traverse((inner, innerDepth) -> {
                    if (inner == element) {
                        return;
                    }
                    if (inner instanceof TextNode text) {
                        marks(text.getWholeText());
                    } else if (inner instanceof DataNode data) {
                        marks(data.getWholeData());
                    } else if (inner instanceof Comment comment) {
                        marks(comment.getData());
                    } else if (inner instanceof Element innerElement) {
                        attributeMarks(innerElement);
                    }
                });
                out.space();
                return FilterResult.SKIP_CHILDREN;
            }
            if (name.equals("br")) {
                out.br();
            } else if (HtmlToText.PARAGRAPHS.contains(name)) {
                out.paragraph();
            } else if (name.equals("li")) {
                out.line();
                out.text("- ");
            } else if (HtmlToText.LINES.contains(name)) {
                out.line();
            } else if (name.equals("a")) {
                href = element.hasAttr("href") ? element.attr("href") : null;
                labelStart = out.length();
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            String name = element.normalName();
            if (HtmlToText.INVISIBLE.contains(name) || name.equals("br")) {
                return FilterResult.CONTINUE;
            }
            if (HtmlToText.PARAGRAPHS.contains(name)) {
                out.paragraph();
            } else if (HtmlToText.LINES.contains(name)) {
                out.line();
            } else if (name.equals("td") || name.equals("th")) {
                out.space();
            } else if (name.equals("a") && href != null) {
                out.link(labelStart, href.strip());
                href = null;
            }
            return FilterResult.CONTINUE;
        }

        private void attributeMarks(Element element) {
            if (element.attributesSize() == 0) {
                return;
            }
            for (Attribute attribute : element.attributes()) {
                marks(attribute.getKey());
                marks(attribute.getValue());
            }
        }

        private void marks(String s) {
            for (int k = 0; k < s.length(); k++) {
                if (DataMarks.isMark(s.charAt(k))) {
                    out.text(s.charAt(k));
                }
            }
        }
    }
}
