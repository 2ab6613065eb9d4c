package io.iabulk.campaigns;

import io.iabulk.platform.DomainException;

/**
 * A template source that Handlebars cannot parse (400 with {@code field}, {@code line} and {@code
 * column} members).
 *
 * @see io.iabulk.campaigns.web.TemplateProblemAdvice
 */
public class TemplateSyntaxException extends DomainException {

    private final String field;
    private final int line;
    private final int column;
    private final String reason;

    public TemplateSyntaxException(String field, int line, int column, String reason) {
        super(
                "template-syntax",
                "The " + field + " template has a syntax error at line " + line + ", column " + column + ": " + reason);
        this.field = field;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** Which source: {@code subject}, {@code html} or {@code text}. */
    public String field() {
        return field;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error. */
    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
