package io.iabulk.campaigns.templates;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Options;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * What one render may spend, kept in the render's context: how deep partials call each other (an
 * inline partial may call itself, which Handlebars does not stop), how many {@code each} iterations
 * and partial calls it makes in all (nested loops multiply), and how much text it writes. A render
 * over a limit fails with a {@link HandlebarsException}: a 400 for a preview, a failed send (never
 * retried) at send time.
 */
final class RenderBudget {

    /** How deep partials may call one another. */
    static final int MAX_PARTIAL_DEPTH = 10;

    /** {@code each} iterations and partial calls of one message, all parts together. */
    static final long MAX_STEPS = 100_000;

    /** Characters one rendered part may hold. */
    static final int MAX_OUTPUT = 5_000_000;

    private static final String KEY = RenderBudget.class.getName();

    private int partialDepth;
    private long steps;

    /** A new budget for one render, kept in its context. */
    static void start(Context context) {
        context.data(KEY, new RenderBudget());
    }

    static RenderBudget of(Context context) {
        RenderBudget budget = context.data(KEY);
        if (budget == null) { // a render that did not start through CompiledTemplate: limit it too
            budget = new RenderBudget();
            context.data(KEY, budget);
        }
        return budget;
    }

    static RenderBudget of(Options options) {
        return of(options.context);
    }

    /** Before an {@code each} over {@code items}: one step per element. */
    void iterate(Object items) {
        long size = switch (items) {
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            case Object[] a -> a.length;
            case null -> 0;
            default -> 1;
        };
        spend(size);
    }

    /** Around a partial call. */
    void enterPartial(String name) {
        spend(1);
        if (++partialDepth > MAX_PARTIAL_DEPTH) {
            throw new HandlebarsException(
                    "partial '" + name + "' calls partials more than " + MAX_PARTIAL_DEPTH
                            + " deep (a partial that calls itself?)",
                    null);
        }
    }

    void leavePartial() {
        partialDepth--;
    }

    private void spend(long n) {
        steps += n;
        if (steps > MAX_STEPS) {
            throw new HandlebarsException(
                    "the template loops or calls partials more than " + MAX_STEPS + " times for one message", null);
        }
    }

    /** Collects a rendered part, failing past {@link #MAX_OUTPUT} characters. */
    static final class Output extends Writer {

        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] buffer, int offset, int length) {
            if (text.length() + length > MAX_OUTPUT) {
                throw new HandlebarsException(
                        "the rendered message is longer than " + MAX_OUTPUT + " characters", null);
            }
            text.append(buffer, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
