package io.iabulk.platform;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The CSV files we export (winners, rejected import lines), which people open in a spreadsheet: one
 * format, and a guard for the cells people typed. A value starting with {@code = + - @}, a tab or a
 * carriage return is read there as a formula (CSV injection: {@code =HYPERLINK(…)} in a name typed
 * at signup), so {@link #guard} gives it a leading {@code '}. ADR 0004.
 */
public final class CsvCells {

    /**
     * RFC 4180: comma-separated, CRLF after each record, a field in double quotes (its quotes
     * doubled) only when it must be: when it holds a comma, a quote or a line break, and, as
     * commons-csv is careful, when it starts with a character up to {@code #} or ends with a space.
     */
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.MINIMAL).get();

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCells() {}

    /** The value, with a leading {@code '} when a spreadsheet would run it as a formula; null stays null. */
    public static String guard(String value) {
        return value != null && !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
