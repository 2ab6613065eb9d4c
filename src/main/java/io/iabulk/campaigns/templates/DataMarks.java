package io.iabulk.campaigns.templates;

import java.util.BitSet;

/**
 * Marks around the text a template substituted from data ({@code {{firstName}}}, {@code
 * {{{attributes.bio}}}}, a helper's result), so that link tracking can tell the template author's
 * links from URLs that only appear because a contact typed one: a signed click redirect to a
 * contact's URL would be an open redirect on our domain (issue 11).
 *
 * <p>The marks are two Unicode noncharacters (reserved for a program's internal use, never meant to
 * be interchanged). They are removed from every substituted value before it is marked, so data can
 * neither close nor forge a mark, and from template sources before they compile. Nothing marked
 * leaves the campaigns module: {@link MarkedMessage#clean()} and the link rewriter remove them.
 */
public final class DataMarks {

    /** Opens a substituted value. */
    public static final char START = '\uFDD0';

    /** Closes a substituted value. */
    public static final char END = '\uFDD1';

    private DataMarks() {}

    static boolean isMark(char c) {
        return c == START || c == END;
    }

    /** The value between marks, without any mark it held; an empty value stays empty (and unmarked). */
    static String mark(String value) {
        String plain = strip(value);
        return plain.isEmpty() ? plain : START + plain + END;
    }

    /** The text without marks. */
    public static String strip(String text) {
        if (text == null || text.indexOf(START) < 0 && text.indexOf(END) < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isMark(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A marked text split into the text without marks and which of its characters came from data.
     * An unclosed mark makes the rest data (the safe side).
     */
    public static Split split(String text) {
        if (text.indexOf(START) < 0 && text.indexOf(END) < 0) {
            return new Split(text, null);
        }
        StringBuilder out = new StringBuilder(text.length());
        BitSet data = new BitSet(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == START) {
                depth++;
            } else if (c == END) {
                depth = Math.max(0, depth - 1);
            } else {
                if (depth > 0) {
                    data.set(out.length());
                }
                out.append(c);
            }
        }
        return new Split(out.toString(), data);
    }

    /**
     * A text without marks and the positions in it that came from data.
     *
     * @param data null when nothing came from data
     */
    public record Split(String text, BitSet data) {

        /** Whether the character at {@code index} of {@link #text()} was substituted from data. */
        public boolean isData(int index) {
            return data != null && data.get(index);
        }
    }
}
