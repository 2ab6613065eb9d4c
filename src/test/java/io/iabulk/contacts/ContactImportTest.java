package io.iabulk.contacts;

import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contacts.internal.ImportReaper;
import io.iabulk.platform.SecretTokens;
import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(
        properties = {
            "iabulk.contacts.imports.max-size=4KB",
            "iabulk.contacts.imports.progress-every=2",
            "iabulk.contacts.imports.temp-dir=${java.io.tmpdir}/iabulk-it-imports-${iabulk.test.schema}"
        })
class ContactImportTest extends HttpTest {

    private static final String IMPORTS = "/api/v1/contacts/imports";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContactsProperties properties;

    private Api.Response uploadCsv(String csv) {
        return admin.send("POST", IMPORTS, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    private Api.Response uploadForm(String fileName, String csv) {
        return uploadForm(IMPORTS, fileName, csv);
    }

    private Api.Response uploadForm(String path, String fileName, String csv) {
        String boundary = "----iabulk" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "ignored\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + csv + "\r\n"
                + "--" + boundary + "--\r\n";
        return admin.send(
                "POST", path, "multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode finished(Api.Response accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo(IMPORTS + "/" + accepted.json().get("id").asLong());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        !admin.get(location).json().get("status").asString().equals("RUNNING"));
        return admin.get(location).json();
    }

    private JsonNode contact(String address) {
        JsonNode items = admin.get("/api/v1/contacts?email=" + address).json().get("items");
        return items.isEmpty() ? null : items.get(0);
    }

    private long contactCount() {
        return jdbc.sql("SELECT count(*) FROM contacts").query(Long.class).single();
    }

    private long importCount() {
        return jdbc.sql("SELECT count(*) FROM contact_imports")
                .query(Long.class)
                .single();
    }

    @Test
    void importsRowsWithAttributesAndLetsTheLastLineOfAnAddressWin() {
        String ann = email("ann");
        String bob = email("bob");
        String cy = email("cy");
        admin.post("/api/v1/contacts", Map.of("email", cy, "firstName", "Cyril", "attributes", Map.of("old", "1")));

        JsonNode result = finished(uploadCsv("""
                email,first_name,last_name,time_zone,locale,plan,city
                %s,Ann,Lee,Europe/Paris,fr,free,Paris
                %s,Bob,,UTC,,pro,
                %s,,Young,,en-GB,gold,"Rio, de ""Janeiro\"""
                %s,Annie,Lee,Europe/Paris,fr,pro,Nice
                """.formatted(ann, bob, cy, ann.toUpperCase())));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("processed").asLong()).isEqualTo(4);
        assertThat(result.get("created").asLong()).isEqualTo(2);
        assertThat(result.get("updated").asLong()).isEqualTo(1);
        assertThat(result.get("invalid").asLong()).isZero();
        assertThat(result.get("suppressed").asLong()).isZero();
        assertThat(result.get("duplicates").asLong()).isEqualTo(1);
        assertThat(result.get("finishedAt").isNull()).isFalse();
        JsonNode annContact = contact(ann);
        assertThat(annContact.get("firstName").asString()).isEqualTo("Annie");
        assertThat(annContact.get("attributes").get("city").asString()).isEqualTo("Nice");
        assertThat(annContact.get("timeZone").asString()).isEqualTo("Europe/Paris");
        JsonNode bobContact = contact(bob);
        assertThat(bobContact.get("lastName").isNull()).isTrue();
        assertThat(bobContact.get("attributes").propertyNames()).containsExactly("plan");
        JsonNode cyContact = contact(cy);
        assertThat(cyContact.get("firstName").asString()).isEqualTo("Cyril");
        assertThat(cyContact.get("lastName").asString()).isEqualTo("Young");
        assertThat(cyContact.get("locale").asString()).isEqualTo("en-GB");
        assertThat(cyContact.get("attributes").get("old").asString()).isEqualTo("1");
        assertThat(cyContact.get("attributes").get("city").asString()).isEqualTo("Rio, de \"Janeiro\"");
        assertThat(admin.get(IMPORTS + "/" + result.get("id").asLong() + "/rejected")
                        .body()
                        .strip())
                .isEqualTo("line,email,reason");
    }

    @Test
    void aSpreadsheetExportWithAByteOrderMarkQuotedHeadersAndTheApisNamesImports() {
        String dee = email("dee");

        JsonNode result = finished(uploadCsv("\uFEFF\"Email\",\"firstName\",\"LastName\",\"timeZone\"\r\n" + "\"" + dee
                + "\",\"Dee\",\"Ray\",\"America/Chicago\"\r\n"));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("created").asLong()).isEqualTo(1);
        JsonNode contact = contact(dee);
        assertThat(contact.get("firstName").asString()).isEqualTo("Dee");
        assertThat(contact.get("lastName").asString()).isEqualTo("Ray");
        assertThat(contact.get("timeZone").asString()).isEqualTo("America/Chicago");
        assertThat(contact.get("attributes").propertyNames()).isEmpty();
    }

    @Test
    void aMailchimpStyleExportImportsWithItsHeaderAsWritten() {
        String ida = email("ida");

        JsonNode result = finished(uploadCsv(
                "Email Address,First Name,Last Name,Phone Number,MEMBER_RATING,TIMEZONE," + "OPTIN-TIME (UTC)\r\n" + ida
                        + ",Ida,Lovelace,+44 20 7946 0000,4,Europe/London,2024-03-01 10:00:00\r\n"));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("created").asLong()).isEqualTo(1);
        JsonNode contact = contact(ida);
        assertThat(contact.get("firstName").asString()).isEqualTo("Ida");
        assertThat(contact.get("lastName").asString()).isEqualTo("Lovelace");
        assertThat(contact.get("timeZone").asString()).isEqualTo("Europe/London");
        JsonNode attributes = contact.get("attributes");
        assertThat(attributes.propertyNames())
                .containsExactlyInAnyOrder("Phone_Number", "MEMBER_RATING", "OPTIN_TIME_UTC");
        assertThat(attributes.get("Phone_Number").asString()).isEqualTo("+44 20 7946 0000");
        assertThat(attributes.get("OPTIN_TIME_UTC").asString()).isEqualTo("2024-03-01 10:00:00");
    }

    @Test
    void aStatusColumnSuppressesWhatThePreviousMailerSuppressedAndNeverResubscribes() {
        String kept = email("kept");
        String gone = email("gone");
        String newcomer = email("newcomer");
        admin.post("/api/v1/contacts", Map.of("email", kept));
        long goneId = admin.post("/api/v1/contacts", Map.of("email", gone))
                .json()
                .get("id")
                .asLong();
        assertThat(admin.patch("/api/v1/contacts/" + goneId, Map.of("status", "UNSUBSCRIBED"))
                        .status())
                .isEqualTo(200);

        JsonNode result = finished(uploadCsv("Email Address,Status\n" + kept + ", Unsubscribed \n" + gone
                + ",subscribed\n" + newcomer + ",cleaned\n" + email("odd") + ",pending\n"));

        assertThat(result.get("created").asLong()).isZero();
        assertThat(result.get("updated").asLong()).isZero();
        assertThat(result.get("suppressed").asLong()).isEqualTo(3);
        assertThat(result.get("invalid").asLong()).isEqualTo(1);
        assertThat(contact(kept).get("status").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(contact(gone).get("status").asString())
                .as("a line saying subscribed does not make a suppressed address mailable")
                .isEqualTo("UNSUBSCRIBED");
        assertThat(contact(newcomer).get("status").asString()).isEqualTo("BOUNCED");
        assertThat(contact(newcomer).get("attributes").propertyNames()).isEmpty();
        assertThat(admin.get(IMPORTS + "/" + result.get("id").asLong() + "/rejected")
                        .body())
                .contains("status must be subscribed, active, unsubscribed, bounced, cleaned or complained, got"
                        + " 'pending'");
    }

    @Test
    void aFileOfAPreviousMailersSuppressedMembersImportsSuppressedWithTheStatusOfTheUpload() {
        String ann = email("unsub-ann");
        String bob = email("unsub-bob");
        String cleo = email("cleaned-cleo");
        long imports = importCount();

        JsonNode unsubscribed = finished(admin.send(
                "POST",
                IMPORTS + "?status=unsubscribed",
                "text/csv",
                ("Email Address,Status\n" + ann + ",\n" + bob + ",subscribed\n").getBytes(StandardCharsets.UTF_8)));
        JsonNode cleaned = finished(uploadForm(IMPORTS + "?status=Cleaned", "cleaned.csv", "Email\n" + cleo + "\n"));
        Api.Response unknown = admin.send(
                "POST",
                IMPORTS + "?status=pending",
                "text/csv",
                ("email\n" + email("p") + "\n").getBytes(StandardCharsets.UTF_8));
        Api.Response garbled = admin.send(
                "POST",
                IMPORTS + "?status=%E9%00",
                "text/csv",
                ("email\n" + email("g") + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(unsubscribed.get("suppressed").asLong()).isEqualTo(1);
        assertThat(unsubscribed.get("created").asLong()).isEqualTo(1);
        assertThat(contact(ann).get("status").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(contact(bob).get("status").asString())
                .as("the line's own status wins")
                .isEqualTo("ACTIVE");
        assertThat(cleaned.get("suppressed").asLong()).isEqualTo(1);
        assertThat(contact(cleo).get("status").asString()).isEqualTo("BOUNCED");
        for (Api.Response refused : List.of(unknown, garbled)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(unknown.body()).contains("got 'pending'");
        assertThat(importCount()).as("the two refused uploads left no import").isEqualTo(imports + 2);
        assertNoSpooledFileLeft();
    }

    @Test
    void aFormMaySendTheStatusAsAFieldAfterTheFileAndTwoStatusesMustAgree() {
        String dee = email("field-dee");
        String boundary = "----iabulk" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"unsubscribed.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "email\n" + dee + "\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"status\"\r\n\r\n"
                + "unsubscribed\r\n"
                + "--" + boundary + "--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String type = "multipart/form-data; boundary=" + boundary;

        JsonNode imported = finished(admin.send("POST", IMPORTS, type, bytes));
        // the agreeing upload is waited for: its spooled file goes once it has been read
        JsonNode agreeing = finished(admin.send("POST", IMPORTS + "?status=Unsubscribed", type, bytes));
        Api.Response differing = admin.send("POST", IMPORTS + "?status=complained", type, bytes);

        assertThat(imported.get("suppressed").asLong()).isEqualTo(1);
        assertThat(contact(dee).get("status").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(agreeing.get("status").asString()).isEqualTo("FINISHED");
        assertThat(differing.status()).isEqualTo(400);
        assertThat(differing.json().get("errors").get(0).get("field").asString())
                .isEqualTo("status");
        assertNoSpooledFileLeft();
    }

    @Test
    void twoSpellingsOfOneAttributeAreRefused() {
        Api.Response response = uploadCsv("email,Phone Number,phone_number\n" + email("jo") + ",1,2\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("column 'phone_number' appears twice");
    }

    @Test
    void theApisSpellingAndTheCsvsOfOneColumnAreTheSameColumn() {
        Api.Response response = uploadCsv("email,time_zone,timeZone\n" + email("eve") + ",UTC,UTC\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("column 'timeZone' appears twice");
    }

    @Test
    void anAddressRepeatedInTheFileKeepsWhatEachLineSaidAndItsRepeatsAreCountedAsDuplicates() {
        String stored = email("thrice");
        admin.post(
                "/api/v1/contacts",
                Map.of("email", stored, "lastName", "Stored", "locale", "de", "attributes", Map.of("old", "1")));
        String fresh = email("thrice-new");

        JsonNode result = finished(uploadCsv("""
                email,first_name,last_name,time_zone,locale,plan,city
                %1$s,Ann,,Europe/Paris,,free,Paris
                %2$s,,Fox,,,,Oslo
                %3$s,,Lee,,fr,,Nice
                %2$s,Fay,,UTC,,gold,
                %1$s,Annie,,,,pro,
                %2$s,,,,en-GB,,
                """.formatted(stored, fresh, stored.toUpperCase())));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("processed").asLong()).isEqualTo(6);
        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("updated").asLong()).isEqualTo(1);
        assertThat(result.get("duplicates").asLong()).isEqualTo(4);
        JsonNode storedContact = contact(stored);
        assertThat(storedContact.get("firstName").asString()).isEqualTo("Annie");
        assertThat(storedContact.get("lastName").asString())
                .as("the empty cells of the last line keep what the earlier line said")
                .isEqualTo("Lee");
        assertThat(storedContact.get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(storedContact.get("locale").asString()).isEqualTo("fr");
        assertThat(storedContact.get("attributes").properties())
                .extracting(Map.Entry::getKey, e -> e.getValue().asString())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("old", "1"),
                        org.assertj.core.groups.Tuple.tuple("plan", "pro"),
                        org.assertj.core.groups.Tuple.tuple("city", "Nice"));
        JsonNode freshContact = contact(fresh);
        assertThat(freshContact.get("firstName").asString()).isEqualTo("Fay");
        assertThat(freshContact.get("lastName").asString()).isEqualTo("Fox");
        assertThat(freshContact.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(freshContact.get("locale").asString()).isEqualTo("en-GB");
        assertThat(freshContact.get("attributes").get("plan").asString()).isEqualTo("gold");
        assertThat(freshContact.get("attributes").get("city").asString()).isEqualTo("Oslo");
    }

    @Test
    void theImportResourceSchemaHasTheDuplicatesCount() {
        JsonNode schema = admin.get("/v3/api-docs")
                .json()
                .get("components")
                .get("schemas")
                .get("ContactImport");

        assertThat(schema.get("properties").has("duplicates"))
                .as(schema.toString())
                .isTrue();
    }

    /**
     * Property: for any mix of new, stored, suppressed, repeated and invalid lines, every line is
     * counted once ({@code processed = created + updated + invalid + suppressed + duplicates}), each
     * count is the one a model of the rules predicts, and each contact ends as the model folds it.
     */
    @Test
    void theCountsOfAMixedFileAddUpAndMatchAModelOfTheRules() {
        for (long run = 1; run <= 6; run++) {
            long seed = run;
            ImportModel model =
                    new ImportModel(new java.util.Random(seed), "mix" + seed + "-" + ContestTestData.unique());
            model.storeContacts(admin);

            JsonNode result = finished(uploadCsv(model.csv()));

            assertThat(result.get("status").asString()).isEqualTo("FINISHED");
            long processed = result.get("processed").asLong();
            long sum = result.get("created").asLong()
                    + result.get("updated").asLong()
                    + result.get("invalid").asLong()
                    + result.get("suppressed").asLong()
                    + result.get("duplicates").asLong();
            assertThat(sum).as("seed %d: %s", seed, result).isEqualTo(processed);
            assertThat(result.get("processed").asLong()).isEqualTo(model.lines());
            assertThat(result.get("invalid").asLong()).as("seed %d", seed).isEqualTo(model.invalid());
            assertThat(result.get("created").asLong()).as("seed %d", seed).isEqualTo(model.created());
            assertThat(result.get("updated").asLong()).as("seed %d", seed).isEqualTo(model.updated());
            assertThat(result.get("suppressed").asLong()).as("seed %d", seed).isEqualTo(model.suppressed());
            assertThat(result.get("duplicates").asLong()).as("seed %d", seed).isEqualTo(model.duplicates());
            model.expected().forEach((address, fields) -> {
                JsonNode stored = contact(address);
                assertThat(stored).as("seed %d: %s", seed, address).isNotNull();
                fields.forEach((field, value) -> {
                    JsonNode actual = field.startsWith("attributes.")
                            ? stored.get("attributes").get(field.substring(11))
                            : stored.get(field);
                    assertThat(actual == null || actual.isNull() ? null : actual.asString())
                            .as("seed %d: %s %s", seed, address, field)
                            .isEqualTo(value);
                });
            });
        }
    }

    @Test
    void rejectedLinesWhoseCellsASpreadsheetWouldRunAsFormulasAreNeutralisedInTheExport() throws IOException {
        List<String> formulas = List.of("=1+2", "+1+2", "-1+2", "@SUM(1)", "\t=1+2", "\r=1+2");
        StringBuilder csv = new StringBuilder("email,first_name\n");
        for (String formula : formulas) {
            csv.append('"').append(formula).append("\",=cmd\n");
        }

        JsonNode result = finished(uploadCsv(csv.toString()));
        String rejected = admin.get(IMPORTS + "/" + result.get("id").asLong() + "/rejected")
                .body();

        assertThat(result.get("invalid").asLong()).isEqualTo(formulas.size());
        List<CSVRecord> records =
                CSVFormat.RFC4180.parse(new StringReader(rejected)).getRecords();
        assertThat(records.getFirst().values()).containsExactly("line", "email", "reason");
        assertThat(records.subList(1, records.size()))
                .hasSize(formulas.size())
                .allSatisfy(record -> assertThat(record.get(1)).startsWith("'"))
                .allSatisfy(record -> assertThat(record.get(2)).doesNotStartWith("'"));
        assertThat(records.subList(1, records.size()).stream().map(r -> r.get(1).substring(1)))
                .as("the value itself, after the quote mark (the import may trim white space)")
                .allSatisfy(email -> assertThat(formulas).anyMatch(f -> f.endsWith(email)));
    }

    @Test
    void malformedLinesAndInvalidValuesAreRejectedWithTheirLineAndTheRestImports() {
        String ok1 = email("ok1");
        String ok2 = email("ok2");
        String ok3 = email("ok3");
        String csv = String.join(
                "\n",
                "email,first_name,time_zone,locale",
                ok1 + ",One,UTC,fr",
                "not-an-email,Two,UTC,fr",
                ok2 + ",Three",
                "\"" + email("broken") + ",Four,UTC,fr",
                ok3 + ",Five,Mars/Base,fr",
                email("tag") + ",Six,UTC,xx_not_a_tag_!",
                ok3 + ",\"Multi",
                "line\",UTC,de",
                "");

        JsonNode result = finished(uploadForm("people.csv", csv));

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("fileName").asString()).isEqualTo("people.csv");
        assertThat(result.get("processed").asLong()).isEqualTo(7);
        assertThat(result.get("invalid").asLong()).isEqualTo(6);
        assertThat(result.get("created").asLong()).isEqualTo(1);
        String rejected = admin.get(IMPORTS + "/" + result.get("id").asLong() + "/rejected")
                .body();
        String[] lines = rejected.split("\r\n");
        assertThat(lines[0]).isEqualTo("line,email,reason");
        assertThat(lines).hasSize(7);
        assertThat(lines[1]).startsWith("3,not-an-email,\"email must be a valid email address");
        assertThat(lines[2]).isEqualTo("4," + ok2 + ",\"has 2 columns, the header has 4\"");
        assertThat(lines[3]).startsWith("5,,unterminated quoted field");
        assertThat(lines[4]).startsWith("6," + ok3 + ",\"time_zone must be a time zone id");
        assertThat(lines[5]).contains("locale must be a BCP 47 language tag");
        assertThat(lines[6])
                .as("a quoted cell may span lines, but a name may not")
                .startsWith("8," + ok3 + ",\"first_name contains characters we cannot accept, such as line breaks");
        assertThat(contact(ok1).get("firstName").asString()).isEqualTo("One");
        assertThat(contact(ok3)).isNull();
    }

    @Test
    void aFileWithoutAnEmailColumnIsRefusedAndNothingIsStored() {
        long imports = importCount();
        long contacts = contactCount();

        Api.Response noEmail = uploadCsv("name,city\n" + email("x") + ",Paris\n");
        Api.Response notCsv = uploadCsv("{\"email\": \"a@example.com\"}\n");
        Api.Response badAttribute = uploadForm("x.csv", "email,2nd choice\n" + email("y") + ",blue\n");
        Api.Response empty = uploadCsv("");
        Api.Response wrongType = admin.post(IMPORTS, Map.of("email", "a@example.com"));

        for (Api.Response response : new Api.Response[] {noEmail, notCsv, badAttribute, empty}) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("file");
        }
        assertThat(noEmail.json().get("errors").get(0).get("message").asString())
                .contains("no email column");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(importCount()).isEqualTo(imports);
        assertThat(contactCount()).isEqualTo(contacts);
        assertNoSpooledFileLeft();
    }

    @Test
    void anUploadOverTheLimitIsA413AndNothingIsStored() {
        long imports = importCount();
        long contacts = contactCount();
        StringBuilder csv = new StringBuilder("email,first_name\n");
        while (csv.length() <= properties.imports().maxSize().toBytes()) {
            csv.append(email("big")).append(",Big\n");
        }

        Api.Response raw = uploadCsv(csv.toString());
        Api.Response form = uploadForm("big.csv", csv.toString());

        for (Api.Response response : new Api.Response[] {raw, form}) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("urn:iabulk:problem:payload-too-large");
        }
        assertThat(importCount()).isEqualTo(imports);
        assertThat(contactCount()).isEqualTo(contacts);
        assertNoSpooledFileLeft();
    }

    @Test
    void suppressedAddressesAreCountedKeepTheirStatusAndGetTheirProfile() {
        String unsubscribed = email("unsub");
        long unsubscribedId = admin.post("/api/v1/contacts", Map.of("email", unsubscribed))
                .json()
                .get("id")
                .asLong();
        admin.patch("/api/v1/contacts/" + unsubscribedId, Map.of("status", "UNSUBSCRIBED"));
        String erased = email("erased");
        long erasedId = admin.post("/api/v1/contacts", Map.of("email", erased))
                .json()
                .get("id")
                .asLong();
        admin.send("DELETE", "/api/v1/contacts/" + erasedId, null, new byte[0]);
        String fresh = email("fresh");

        JsonNode result = finished(
                uploadCsv("email,first_name\n%s,Una\n%s,Eli\n%s,Fay\n".formatted(unsubscribed, erased, fresh)));

        assertThat(result.get("created").asLong()).isEqualTo(1);
        assertThat(result.get("updated").asLong()).isZero();
        assertThat(result.get("suppressed").asLong()).isEqualTo(2);
        JsonNode una = contact(unsubscribed);
        assertThat(una.get("status").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(una.get("firstName").asString()).isEqualTo("Una");
        JsonNode eli = contact(erased);
        assertThat(eli.get("id").asLong()).isNotEqualTo(erasedId);
        assertThat(eli.get("status").asString()).isEqualTo("UNSUBSCRIBED");
        assertThat(contact(fresh).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT count(*) FROM suppressions WHERE email_hash = :hash")
                        .param(
                                "hash",
                                SecretTokens.sha256Hex(
                                        EmailAddress.parse(erased).normalized()))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void unknownImportsAreA404() {
        assertThat(admin.get(IMPORTS + "/987654321").status()).isEqualTo(404);
        assertThat(admin.get(IMPORTS + "/987654321/rejected").status()).isEqualTo(404);
    }

    @Test
    void anImportWhoseInstanceStoppedBeatingIsMarkedFailed(@Autowired ImportReaper reaper) {
        long id = jdbc.sql("""
                        INSERT INTO contact_imports (status, file_name, size_bytes, created_at, heartbeat_at)
                        VALUES ('RUNNING', 'dead.csv', 10, :at, :at) RETURNING id
                        """)
                .param("at", Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                .query(Long.class)
                .single();

        reaper.runOnce(); // the scheduled run may have been first: the outcome is what counts

        JsonNode failed = admin.get(IMPORTS + "/" + id).json();
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("upload the file again");
    }

    /**
     * The uploads are deleted once read: an import is FINISHED a moment before its file goes (the
     * worker's last step), so this waits that moment out rather than racing it.
     */
    private void assertNoSpooledFileLeft() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(spooledFiles()).isEmpty());
    }

    private Stream<Path> spooledFiles() {
        Path dir = properties.imports().tempDir();
        try {
            return Files.exists(dir) ? Files.list(dir).toList().stream() : Stream.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
