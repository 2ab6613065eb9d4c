package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote() {
        assertThat(CsvCells.guard("=HYPERLINK(\"http://evil.example\",\"x\")"))
                .isEqualTo("'=HYPERLINK(\"http://evil.example\",\"x\")");
        assertThat(CsvCells.guard("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvCells.guard("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvCells.guard("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.guard("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvCells.guard("\r=1")).isEqualTo("'\r=1");
    }

    @Test
    void otherCellsAreLeftAlone() {
        assertThat(CsvCells.guard("jane@example.com")).isEqualTo("jane@example.com");
        assertThat(CsvCells.guard("a=b")).isEqualTo("a=b");
        assertThat(CsvCells.guard("")).isEmpty();
        assertThat(CsvCells.guard(null)).isNull();
    }

    @Test
    void recordsEndWithCrLfAndCellsAreQuotedOnlyWhenRfc4180NeedsIt() throws IOException {
        assertThat(print(7, "jane@example.com", "a=b", null, 3)).isEqualTo("7,jane@example.com,a=b,,3\r\n");
        assertThat(print(1, "Doe, Jane")).isEqualTo("1,\"Doe, Jane\"\r\n");
        assertThat(print(1, "say \"hi\"")).isEqualTo("1,\"say \"\"hi\"\"\"\r\n");
        assertThat(print(1, "two\nlines")).isEqualTo("1,\"two\nlines\"\r\n");
        assertThat(print(1, CsvCells.guard("=HYPERLINK(\"http://evil.example\")")))
                .isEqualTo("1,\"'=HYPERLINK(\"\"http://evil.example\"\")\"\r\n");
        assertThat(print(1, CsvCells.guard("\r=1"))).isEqualTo("1,\"'\r=1\"\r\n");
    }

    @Test
    void whatIsWrittenReadsBackAsTheGuardedValues() throws IOException {
        List<String> values = List.of("=1+2", "Doe, Jane", "say \"hi\"", "two\r\nlines", " padded ", "#tag", "");
        String csv = print(values.stream().map(CsvCells::guard).toArray());

        List<CSVRecord> records = CsvCells.FORMAT.parse(new StringReader(csv)).getRecords();

        assertThat(records)
                .singleElement()
                .satisfies(record -> assertThat(record.values())
                        .containsExactly("'=1+2", "Doe, Jane", "say \"hi\"", "two\r\nlines", " padded ", "#tag", ""));
    }

    private static String print(Object... cells) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = CsvCells.FORMAT.print(out)) {
            printer.printRecord(cells);
        }
        return out.toString();
    }
}
