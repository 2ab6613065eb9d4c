package io.iabulk.campaigns.templates;

import io.iabulk.campaigns.TemplateSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How deep the blocks of a template source nest, read before Handlebars parses it: its parser (and
 * later its renderer) recurses once per level, and a few thousand nested {@code {{#if}}} overflow
 * the stack of the request. Blocks, chained {@code {{else if}}} (each one level more) and
 * sub-expressions {@code (helper (helper ...))} count.
 */
final class TemplateNesting {

    /** The deepest nesting accepted; far below what the stack holds, far above what mail needs. */
    static final int MAX_DEPTH = 40;

    private TemplateNesting() {}

    /**
     * @throws TemplateSyntaxException naming {@code field} and the spot where the source nests
     *     deeper than {@link #MAX_DEPTH}, or where it changes its delimiters (which would hide its
     *     blocks from this count)
     */
    static void check(String field, String source) {
        Deque<Integer> blocks = new ArrayDeque<>(); // the levels each open block added
        int depth = 0;
        int at = source.indexOf("{{");
        while (at >= 0) {
            int end;
            if (source.startsWith("{{!--", at)) {
                end = indexAfter(source, "--}}", at + 5);
            } else if (source.startsWith("{{!", at)) {
                end = indexAfter(source, "}}", at + 3);
            } else {
                end = indexAfter(source, "}}", at + 2);
                String tag = strip(source.substring(at + 2, Math.max(at + 2, end - 2)));
                if (tag.startsWith("=")) {
                    throw error(field, source, at, "changing the delimiters ({{=<% %>=}}) is not supported");
                }
                int added = opens(tag);
                if (added > 0) {
                    blocks.push(added);
                    depth += added;
                } else if (tag.startsWith("/")) {
                    depth -= blocks.isEmpty() ? 0 : blocks.pop();
                } else if (chainedElse(tag) && !blocks.isEmpty()) {
                    blocks.push(blocks.pop() + 1);
                    depth++;
                }
                if (depth + parentheses(tag) > MAX_DEPTH) {
                    throw error(field, source, at, "blocks and sub-expressions nest more than " + MAX_DEPTH + " deep");
                }
            }
            at = end < 0 ? -1 : source.indexOf("{{", end);
        }
    }

    /** 1 for a block opener ({@code #if}, {@code #each}, {@code #> partial}, {@code ^inverse}), else 0. */
    private static int opens(String tag) {
        if (tag.startsWith("#")) {
            return 1;
        }
        // {{^}} alone is an else; {{^name}} opens an inverted section
        return tag.startsWith("^") && strip(tag.substring(1)).length() > 0 ? 1 : 0;
    }

    private static boolean chainedElse(String tag) {
        return tag.startsWith("else") && tag.length() > 4 && Character.isWhitespace(tag.charAt(4));
    }

    /** The deepest parenthesis nesting of a tag, outside quoted strings. */
    private static int parentheses(String tag) {
        int depth = 0;
        int max = 0;
        char quote = 0;
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                max = Math.max(max, ++depth);
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    /** The tag without the braces of a triple-stash, whitespace control ({@code ~}) and spaces. */
    private static String strip(String tag) {
        int from = 0;
        int to = tag.length();
        while (from < to
                && (tag.charAt(from) == '{'
                        || tag.charAt(from) == '~'
                        || tag.charAt(from) == '&'
                        || Character.isWhitespace(tag.charAt(from)))) {
            from++;
        }
        while (to > from
                && (tag.charAt(to - 1) == '}'
                        || tag.charAt(to - 1) == '~'
                        || Character.isWhitespace(tag.charAt(to - 1)))) {
            to--;
        }
        return tag.substring(from, to);
    }

    private static int indexAfter(String source, String token, int from) {
        int found = source.indexOf(token, from);
        return found < 0 ? -1 : found + token.length();
    }

    private static TemplateSyntaxException error(String field, String source, int at, String reason) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TemplateSyntaxException(field, line, at - lineStart + 1, reason);
    }
}
