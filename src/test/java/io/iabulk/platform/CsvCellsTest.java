package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuoteAndIsQuoted() {
        assertThat(CsvCells.cell("=HYPERLINK(\"http://evil.example\",\"x\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
        assertThat(CsvCells.cell("+1+1")).isEqualTo("\"'+1+1\"");
        assertThat(CsvCells.cell("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvCells.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvCells.cell("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void otherCellsAreQuotedOnlyWhenRfc4180NeedsIt() {
        assertThat(CsvCells.cell("jane@example.com")).isEqualTo("jane@example.com");
        assertThat(CsvCells.cell("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.cell("Doe, Jane")).isEqualTo("\"Doe, Jane\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvCells.cell(null)).isEmpty();
        assertThat(CsvCells.cell("")).isEmpty();
    }
}
