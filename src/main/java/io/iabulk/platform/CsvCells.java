package io.iabulk.platform;

/**
 * Cells of the CSV files we export (winners, rejected import lines), which people open in a
 * spreadsheet. A value starting with {@code = + - @}, a tab or a carriage return is read there as
 * a formula (CSV injection: {@code =HYPERLINK(…)} in a name typed at signup), so it gets a leading
 * {@code '} and is quoted; any other value is quoted only when it holds a comma, a quote or a line
 * break (RFC 4180). ADR 0004.
 */
public final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {}

    /** The value as one CSV cell; null is an empty cell. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean formula = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
        String safe = formula ? "'" + value : value;
        boolean quote = formula
                || safe.indexOf(',') >= 0
                || safe.indexOf('"') >= 0
                || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
