package io.iabulk.dashboard.web;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown an operator wrote (a contest's description and terms) as HTML a participant page may
 * insert unescaped: raw HTML in the source is escaped (shown as text, never parsed), link and image
 * addresses with a script scheme are dropped, and links open without telling the target who sent
 * the visitor. Images are left out altogether: the page's own image field is the one image.
 */
final class Markdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if ("a".equals(tag)) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
            })
            .nodeRendererFactory(context -> new ImagesAsText(context))
            .build();

    /**
     * Rendered texts by their source: the signup page is the hot end of a viral link, and a
     * contest's description changes rarely.
     */
    private static final com.github.benmanes.caffeine.cache.Cache<String, String> RENDERED =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(1_000)
                    .build();

    private Markdown() {}

    /** The HTML of this Markdown, or null for null. */
    static String html(String markdown) {
        return markdown == null ? null : RENDERED.get(markdown, source -> RENDERER.render(PARSER.parse(source)));
    }

    /** An image written in the Markdown becomes its alt text: no request to a third party's server. */
    private static final class ImagesAsText implements org.commonmark.renderer.NodeRenderer {

        private final org.commonmark.renderer.html.HtmlNodeRendererContext context;

        ImagesAsText(org.commonmark.renderer.html.HtmlNodeRendererContext context) {
            this.context = context;
        }

        @Override
        public java.util.Set<Class<? extends org.commonmark.node.Node>> getNodeTypes() {
            return java.util.Set.of(org.commonmark.node.Image.class);
        }

        @Override
        public void render(org.commonmark.node.Node node) {
            org.commonmark.node.Node child = node.getFirstChild();
            while (child != null) {
                context.render(child);
                child = child.getNext();
            }
        }
    }
}
