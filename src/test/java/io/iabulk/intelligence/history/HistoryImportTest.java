package io.iabulk.intelligence.history;

import static io.iabulk.support.ContestTestData.email;
import static io.iabulk.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The engagement history import over HTTP on the real PostgreSQL (docs/decisions/0020): every
 * rejection reason with its line, idempotent re-import, last line wins, a bad first line leaves
 * nothing behind, and imported history never reaches campaign reports.
 */
@TestPropertySource(
        properties = {
            "iabulk.intelligence.history.batch-size=3",
            "iabulk.intelligence.history.max-line-length=400",
            "iabulk.intelligence.history.temp-dir=${java.io.tmpdir}/iabulk-it-history-${iabulk.test.schema}"
        })
class HistoryImportTest extends HttpTest {

    private static final String HISTORY = "/api/v1/contacts/history";
    private static final String HEADER = "email,messageId,sentAt,openedAt,clickedAt,opens,clicks\n";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HistoryImportProperties settings;

    @Value("${iabulk.test.schema}")
    String schema;

    private Api.Response upload(String contentType, String body) {
        return admin.send("POST", HISTORY, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode finished(Api.Response accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo(HISTORY + "/" + accepted.json().get("id").asLong());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !admin.get(location).json().get("status").asString().equals("RUNNING"));
        return admin.get(location).json();
    }

    private long contact(String address) {
        Api.Response created = admin.post("/api/v1/contacts", Map.of("email", address));
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        return created.json().get("id").asLong();
    }

    private List<CSVRecord> rejected(long id) throws IOException {
        Api.Response csv = admin.get(HISTORY + "/" + id + "/rejected");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        return CSVFormat.RFC4180.parse(new StringReader(csv.body())).getRecords();
    }

    private Map<String, Object> row(long contact, String messageId) {
        return jdbc.sql("""
                        SELECT sent_at, opened_at, clicked_at, opens, clicks, bounced_at FROM engagement_history
                        WHERE contact_id = :c AND message_id = :m
                        """).param("c", contact).param("m", messageId).query().singleRow();
    }

    private long rows(long contact) {
        return jdbc.sql("SELECT count(*) FROM engagement_history WHERE contact_id = :c")
                .param("c", contact)
                .query(Long.class)
                .single();
    }

    private long imports() {
        return jdbc.sql("SELECT count(*) FROM history_imports")
                .query(Long.class)
                .single();
    }

    @Test
    void importsTheValidLinesAndRejectsEachBadOneWithItsLineAndReason() throws IOException {
        String ann = email("ann");
        String bob = email("bob");
        long annId = contact(ann);
        long bobId = contact(bob);
        String stranger = email("stranger");
        String future = Instant.now().plus(Duration.ofDays(2)).toString();
        String csv = HEADER
                + ann + ",m1,2026-03-01T09:00:00Z,2026-03-01T09:10:00Z,,,\n" // 2: one open
                + bob.toUpperCase() + ",m1,2026-03-01T11:00:00+02:00,,,,\n" // 3: an offset, the address folded
                + stranger + ",m1,2026-03-01T09:00:00Z,,,,\n" // 4
                + ann + ",m2,2026-03-01T09:00:00Z,2026-03-01T08:59:59Z,,,\n" // 5
                + ann + ",m3,2026-03-01T09:00:00Z,,2026-02-01T09:00:00Z,,\n" // 6
                + ann + ",m4," + future + ",,,,\n" // 7
                + ann + ",m5,2026-03-01T09:00:00,,,,\n" // 8
                + "not-an-address,m6,2026-03-01T09:00:00Z,,,,\n" // 9
                + ann + ",m7,2026-03-01T09:00:00Z,2026-03-01T09:10:00Z,,-1,\n" // 10
                + ann + ",m8,,,,,\n" // 11
                + ann + "," + "x".repeat(201) + ",2026-03-01T09:00:00Z,,,,\n" // 12
                + ann + ",m9,2026-03-01T09:00:00Z,,,3,\n" // 13: opens without openedAt
                + ann + ",m10,2026-03-01T09:00:00Z\n" // 14: too few cells
                + ann + ",m11,\"2026-03-01T09:00:00Z,,,,\n" // 15: an open quote
                + ann + ",m12," + "9".repeat(500) + ",,,,\n" // 16: longer than the line limit
                + "\n" // 17: blank, skipped
                + ann + ",\"m,13\",2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,2026-03-02T10:01:00Z,4,2\n" // 18
                + ann + ",m14,2026-03-03T09:00:00Z,,2026-03-03T09:30:00Z,,\n" // 19: a click, images blocked
                + ann
                + ",m15,2026-03-04T09:00:00Z,2026-03-04T10:00:00Z,2026-03-04T09:45:00Z,2,1\n"; // 20: clicked first

        JsonNode result = finished(upload("text/csv", csv));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("format").asString()).isEqualTo("CSV");
        assertThat(result.get("processed").asLong()).isEqualTo(18);
        assertThat(result.get("imported").asLong()).isEqualTo(5);
        assertThat(result.get("invalid").asLong()).isEqualTo(13);
        List<CSVRecord> rejected = rejected(result.get("id").asLong());
        assertThat(rejected.getFirst().toList()).containsExactly("line", "reason", "detail", "email", "messageId");
        assertThat(rejected.stream().skip(1).map(r -> r.get(0) + " " + r.get(1)))
                .containsExactly(
                        "4 UNKNOWN_CONTACT",
                        "5 OPENED_BEFORE_SENT",
                        "6 CLICKED_BEFORE_SENT",
                        "7 FUTURE_DATE",
                        "8 BAD_ZONE",
                        "9 MALFORMED",
                        "10 MALFORMED",
                        "11 MALFORMED",
                        "12 MALFORMED",
                        "13 MALFORMED",
                        "14 MALFORMED",
                        "15 MALFORMED",
                        "16 MALFORMED");
        assertThat(rejected.get(1).get(3)).isEqualTo(stranger);
        assertThat(rejected.get(1).get(4)).isEqualTo("m1");
        assertThat(rejected.get(7).get(2)).contains("opens");
        assertThat(rejected.get(9).get(2)).contains("messageId");
        assertThat(rejected.get(10).get(2)).contains("opens is 3 without openedAt");

        Map<String, Object> first = row(annId, "m1");
        assertThat(((Timestamp) first.get("sent_at")).toInstant()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(((Timestamp) first.get("opened_at")).toInstant()).isEqualTo(Instant.parse("2026-03-01T09:10:00Z"));
        assertThat(first.get("opens")).isEqualTo(1);
        assertThat(first.get("clicks")).isEqualTo(0);
        assertThat(((Timestamp) row(bobId, "m1").get("sent_at")).toInstant())
                .isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        Map<String, Object> quoted = row(annId, "m,13");
        assertThat(quoted.get("opens")).isEqualTo(4);
        assertThat(quoted.get("clicks")).isEqualTo(2);
        Map<String, Object> blocked = row(annId, "m14");
        assertThat(((Timestamp) blocked.get("opened_at")).toInstant())
                .as("a click without an open is the first open, as our own tracking counts it")
                .isEqualTo(Instant.parse("2026-03-03T09:30:00Z"));
        assertThat(blocked.get("opens")).isEqualTo(1);
        assertThat(blocked.get("clicks")).isEqualTo(1);
        Map<String, Object> clickedFirst = row(annId, "m15");
        assertThat(((Timestamp) clickedFirst.get("opened_at")).toInstant())
                .isEqualTo(Instant.parse("2026-03-04T09:45:00Z"));
        assertThat(clickedFirst.get("opens")).isEqualTo(2);
        assertThat(rows(annId)).isEqualTo(4);
        assertNoUploadLeft();
    }

    @Test
    void aReimportReplacesTheRowsAndTheLastLineOfAMessageWins() {
        String ann = email("ann");
        long annId = contact(ann);
        finished(upload(
                "text/csv",
                HEADER + ann + ",m1,2026-03-01T09:00:00Z,2026-03-01T09:10:00Z,,,\n" + ann
                        + ",m2,2026-03-02T09:00:00Z,,,,\n"));

        // batches of three: the repeated m1 is within a batch (lines 2 and 3) and across batches (line 5)
        JsonNode again = finished(upload("application/x-ndjson", """
                {"email":"%1$s","messageId":"m1","sentAt":"2026-03-01T09:00:00Z","openedAt":"2026-03-01T09:20:00Z","opens":2}
                {"email":"%1$s","messageId":"m1","sentAt":"2026-03-01T09:00:00Z","openedAt":"2026-03-01T09:30:00Z","opens":3}
                {"email":"%1$s","messageId":"m3","sentAt":"2026-03-03T09:00:00Z","bouncedAt":"2026-03-03T09:00:01Z","clicks":null}

                {"email":"%1$s","messageId":"m1","sentAt":"2026-03-01T09:00:00Z","openedAt":"2026-03-01T09:40:00Z","opens":5,"clicks":1,"clickedAt":"2026-03-01T09:41:00Z"}
                {"email":"%1$s","messageId":"m4","sentAt":"2026-03-03T09:00:00Z","colour":"blue"}
                [1, 2]
                {"email":"%1$s","messageId":"m5","sentAt":1772355600}
                """.formatted(ann)));

        assertThat(again.get("format").asString()).isEqualTo("NDJSON");
        assertThat(again.get("processed").asLong()).isEqualTo(7);
        assertThat(again.get("imported").asLong()).isEqualTo(4);
        assertThat(again.get("invalid").asLong()).isEqualTo(3);
        Map<String, Object> m1 = row(annId, "m1");
        assertThat(((Timestamp) m1.get("opened_at")).toInstant()).isEqualTo(Instant.parse("2026-03-01T09:40:00Z"));
        assertThat(m1.get("opens")).isEqualTo(5);
        assertThat(m1.get("clicks")).isEqualTo(1);
        assertThat(row(annId, "m2").get("opens"))
                .as("untouched by the second file")
                .isEqualTo(0);
        assertThat(((Timestamp) row(annId, "m3").get("bounced_at")).toInstant())
                .isEqualTo(Instant.parse("2026-03-03T09:00:01Z"));
        assertThat(rows(annId)).isEqualTo(3);
    }

    @Test
    void aSpreadsheetExportWithAByteOrderMarkAndQuotedHeadersImports() {
        String ann = email("ann");
        long annId = contact(ann);

        JsonNode result = finished(upload(
                "text/csv",
                "\uFEFF\"Email\",\"MessageId\",\"SentAt\",\"OpenedAt\"\r\n\"" + ann
                        + "\",\"m1\",\"2026-03-01T09:00:00Z\",\"2026-03-01T09:10:00Z\"\r\n"));

        assertThat(result.get("imported").asLong()).isEqualTo(1);
        assertThat(((Timestamp) row(annId, "m1").get("opened_at")).toInstant())
                .isEqualTo(Instant.parse("2026-03-01T09:10:00Z"));
    }

    @Test
    void columnsNamedAsDatabasesNameThemAreTheSameColumns() throws IOException {
        String ann = email("ann");
        long annId = contact(ann);

        JsonNode csv = finished(upload(
                "text/csv",
                "email,message_id,SENT_AT,opened_at\n" + ann + ",m1,2026-03-01 09:00:00+00,2026-03-01 09:05:00+00\n"));
        JsonNode ndjson = finished(upload("application/x-ndjson", """
                {"email":"%1$s","message_id":"m2","sent_at":"2026-03-02T09:00:00Z","clicked_at":"2026-03-02T09:01:00Z"}
                {"email":"%1$s","messageId":"m3","message_id":"m4","sentAt":"2026-03-02T09:00:00Z"}
                """.formatted(ann)));
        Api.Response twice = upload("text/csv", "email,messageId,message_id,sentAt\n");

        assertThat(csv.get("imported").asLong()).isEqualTo(1);
        assertThat(((Timestamp) row(annId, "m1").get("opened_at")).toInstant())
                .isEqualTo(Instant.parse("2026-03-01T09:05:00Z"));
        assertThat(ndjson.get("imported").asLong()).isEqualTo(1);
        assertThat(row(annId, "m2").get("clicks")).isEqualTo(1);
        assertThat(rejected(ndjson.get("id").asLong()).get(1).get(2)).isEqualTo("names a field twice");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("column 'message_id' appears twice");
    }

    @Test
    void countsWrittenAsWholeDecimalsAreCountsAndOtherDecimalsAreRejected() throws IOException {
        String ann = email("ann");
        long annId = contact(ann);

        JsonNode result = finished(upload("application/x-ndjson", """
                {"email":"%1$s","messageId":"m1","sentAt":"2026-03-01 09:00:00+00","openedAt":"2026-03-01 09:10:00+00","opens":2.0}
                {"email":"%1$s","messageId":"m2","sentAt":"2026-03-01T09:00:00Z","clickedAt":"2026-03-01T09:10:00Z","clicks":1.5}
                """.formatted(ann)));

        assertThat(result.get("imported").asLong()).isEqualTo(1);
        assertThat(row(annId, "m1").get("opens")).isEqualTo(2);
        List<CSVRecord> rejected = rejected(result.get("id").asLong());
        assertThat(rejected.get(1).get(0) + " " + rejected.get(1).get(1)).isEqualTo("2 MALFORMED");
        assertThat(rejected.get(1).get(2)).contains("1.5");
    }

    @Test
    void hostileLinesAreRejectedOneByOneAndTheRestImports() throws IOException {
        String ann = email("ann");
        long annId = contact(ann);
        String nested = "{\"a\":".repeat(40) + "1" + "}".repeat(40);

        JsonNode result = finished(upload("application/x-ndjson", """
                {"email":"%1$s","messageId":"m0","sentAt":"2026-03-01T09:00:00Z","email":"%1$s"}
                {"email":%2$s,"messageId":"m1","sentAt":"2026-03-01T09:00:00Z"}
                {"email":"%1$s","messageId":"m2","sentAt":"-999999999-01-01T00:00:00Z"}
                {"email":"%1$s","messageId":"m3","sentAt":"1969-12-31T23:59:59Z"}
                {"email":"%1$s","messageId":"m4","sentAt":"2026-03-01T09:00:00Z","openedAt":"+999999999-12-31T23:59:59Z"}
                {"email":"%1$s","messageId":"m5","sentAt":"2026-03-01T09:00:00Z","opens":1e400,"openedAt":"2026-03-01T09:10:00Z"}
                {"email":"%1$s","messageId":"m6","sentAt":"2026-03-01T09:00:00Z"}
                """.formatted(ann, nested)));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("imported").asLong()).isEqualTo(1);
        assertThat(result.get("invalid").asLong()).isEqualTo(6);
        List<CSVRecord> rejected = rejected(result.get("id").asLong());
        assertThat(rejected.stream().skip(1).map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
                .containsExactly(
                        "1 MALFORMED names a field twice",
                        "2 MALFORMED email must be a string",
                        "3 MALFORMED sentAt -999999999-01-01T00:00:00Z is before 1970",
                        "4 MALFORMED sentAt 1969-12-31T23:59:59Z is before 1970",
                        "5 FUTURE_DATE openedAt +999999999-12-31T23:59:59Z is in the future",
                        "6 MALFORMED opens 'Infinity' is not a whole number from 0 to 1000000");
        assertThat(rows(annId)).isEqualTo(1);
    }

    @Test
    void anErasedContactIsUnknown() throws IOException {
        String gone = email("gone");
        long goneId = contact(gone);
        assertThat(admin.send("DELETE", "/api/v1/contacts/" + goneId, null, new byte[0])
                        .status())
                .isIn(200, 204);

        JsonNode result = finished(upload("text/csv", HEADER + gone + ",m1,2026-03-01T09:00:00Z,,,,\n"));

        assertThat(result.get("invalid").asLong()).isEqualTo(1);
        assertThat(rejected(result.get("id").asLong()).get(1).get(1)).isEqualTo("UNKNOWN_CONTACT");
        assertThat(rows(goneId)).isZero();
    }

    @Test
    void aBadFirstLineIsA400AndLeavesNothingBehind() throws IOException {
        String ann = email("ann");
        long annId = contact(ann);
        long before = imports();
        String line = ann + ",m1,2026-03-01T09:00:00Z\n";

        Map<String, String> bodies = Map.of(
                "email,messageId\n" + line,
                "has no sentAt column",
                "email,messageId,sentAt,colour\n" + line,
                "column 'colour' is unknown",
                "email,messageId,sentAt,EMAIL\n" + line,
                "column 'EMAIL' appears twice",
                "",
                "is empty");
        bodies.forEach((body, message) -> {
            Api.Response response = upload("text/csv", body);
            assertProblem(response, 400, "validation-failed");
            assertThat(response.body()).contains(message);
        });
        for (String body : List.of("email,messageId,sentAt\n", "not json\n", "\n\n")) {
            assertProblem(upload("application/x-ndjson", body), 400, "validation-failed");
        }
        Api.Response latin1 = admin.send(
                "POST", HISTORY, "text/csv", "\u00e9mail,messageId,sentAt\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(latin1.body()).contains("UTF-8");
        assertThat(latin1.status()).isEqualTo(400);
        assertThat(upload("application/json", "{}").status()).isEqualTo(415);
        assertThat(imports()).isEqualTo(before);
        assertThat(rows(annId)).isZero();
        assertNoUploadLeft();
    }

    @Test
    void unknownImportsAre404AndTheKeyIsRequired() {
        assertProblem(admin.get(HISTORY + "/987654321"), 404, "not-found");
        assertProblem(admin.get(HISTORY + "/987654321/rejected"), 404, "not-found");
        assertThat(admin.get(HISTORY + "/abc").status()).isEqualTo(400);
        assertThat(api.send("POST", HISTORY, "text/csv", HEADER.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(401);
        assertThat(api.get(HISTORY + "/1").status()).isEqualTo(401);
    }

    private void assertNoUploadLeft() throws IOException {
        Path dir = settings.tempDir();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files).isEmpty();
                }
            }
        });
    }
}
