package io.iabulk.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private static List<CsvRecords.Record> read(String csv) throws IOException {
        List<CsvRecords.Record> records = new ArrayList<>();
        try (CsvRecords reader = new CsvRecords(new BufferedReader(new StringReader(csv)))) {
            for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void readsPlainAndQuotedFieldsWithTheLineTheyStartOn() throws IOException {
        List<CsvRecords.Record> records = read("a,b,\n\n\"x, \"\"y\"\"\",\"multi\nline\",z\r\nlast,,\"\"\n");

        assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1L, 3L, 5L);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "");
        assertThat(records.get(1).fields()).containsExactly("x, \"y\"", "multi\nline", "z");
        assertThat(records.get(2).fields()).containsExactly("last", "", "");
    }

    @Test
    void aBrokenQuoteCostsItsOwnLineOnly() throws IOException {
        List<CsvRecords.Record> records = read("ok,1\n\"open,2\nnext,3\nquote\"inside,4\n\"closed\"x,5\nlast,6");

        assertThat(records).extracting(CsvRecords.Record::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(records.get(1).error()).isEqualTo("unterminated quoted field");
        assertThat(records.get(2).fields()).containsExactly("next", "3");
        assertThat(records.get(3).error()).startsWith("quote inside an unquoted field");
        assertThat(records.get(4).error()).startsWith("unexpected character after a closing quote");
        assertThat(records.get(5).fields()).containsExactly("last", "6");
    }
}
