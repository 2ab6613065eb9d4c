package io.iabulk.dashboard.console.contacts;

import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ContactPagesTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    private long contact(String email, String first, String last, Map<String, String> attributes) {
        Api.Response created = admin.post(
                "/api/v1/contacts",
                Map.of("email", email, "firstName", first, "lastName", last, "attributes", attributes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void searchFindsContactsByAddressPrefixByNameAndByStatus() {
        String tag = "zq" + unique().toLowerCase();
        String first = "Adele" + tag;
        contact(tag + "-ada@example.com", first, "Lovelace" + tag, Map.of());
        contact("other-" + tag + "@example.com", "Grace", "Hopper" + tag, Map.of());
        Api reader = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);

        Api.Response byEmail = reader.get("/contacts?q=" + tag.toUpperCase());
        assertThat(byEmail.status()).isEqualTo(200);
        assertThat(byEmail.body()).contains(tag + "-ada@example.com").doesNotContain("other-" + tag);

        assertThat(reader.get("/contacts?q=" + first.toLowerCase()).body()).contains(tag + "-ada@example.com");
        assertThat(reader.get("/contacts?q=hopper" + tag).body()).contains("other-" + tag + "@example.com");
        assertThat(reader.get("/contacts?q=adele" + tag + "+love").body()).contains(tag + "-ada@example.com");
        // a prefix, not a substring
        assertThat(reader.get("/contacts?q=dele" + tag).body())
                .doesNotContain(tag + "-ada@example.com")
                .contains("No contact matches");
        assertThat(reader.get("/contacts?q=" + tag + "&status=UNSUBSCRIBED").body())
                .doesNotContain(tag + "-ada@example.com");
        assertThat(reader.get("/contacts?q=" + tag + "&status=ACTIVE").body()).contains(tag + "-ada@example.com");
    }

    @Test
    void listPagesNewestFirstWithCursors() {
        String tag = "pg" + unique().toLowerCase();
        for (int i = 0; i < 52; i++) {
            jdbc.sql("""
                    INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                    VALUES (:email, :email, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                    """).param("email", tag + "-" + i + "@example.com").update();
        }
        Api reader = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);
        String first = reader.get("/contacts?q=" + tag).body();
        assertThat(first).contains(tag + "-51@").contains(tag + "-2@").doesNotContain(tag + "-1@");
        String next = link(first, "next");
        String second = reader.get(next).body();
        assertThat(second).contains(tag + "-1@").contains(tag + "-0@").doesNotContain(tag + "-2@");
        String back = reader.get(link(second, "prev")).body();
        assertThat(back).contains(tag + "-51@").contains(tag + "-2@").doesNotContain(tag + "-1@");
    }

    private static String link(String page, String rel) {
        Matcher href = Pattern.compile("href=\"([^\"]+)\" rel=\"" + rel + "\"").matcher(page);
        assertThat(href.find()).as("a %s link", rel).isTrue();
        return href.group(1).replace("&amp;", "&");
    }

    @Test
    void contactPageShowsProfileAttributesContestsTimelineAndPredictions() {
        long template = CampaignTestData.template(admin);
        String batch = "cp" + unique();
        long campaign = CampaignTestData.campaign(admin, template, CampaignTestData.segment(admin, batch), Map.of());
        long send = CampaignTestData.sentRow(jdbc, campaign, Instant.now().minus(Duration.ofHours(2)));
        jdbc.sql("UPDATE email_sends SET opened_at = :at, clicked_at = :at WHERE id = :id")
                .param("at", Timestamp.from(Instant.now().minus(Duration.ofHours(1))))
                .param("id", send)
                .update();
        long id = jdbc.sql("SELECT contact_id FROM email_sends WHERE id = :id")
                .param("id", send)
                .query(Long.class)
                .single();
        String email = jdbc.sql("SELECT email FROM contacts WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        admin.patch("/api/v1/contacts/" + id, Map.of("firstName", "Ada", "attributes", Map.of("plan", "pro")));
        long contest = ContestTestData.activeContest(admin, ContestTestData.contestWithoutConfirmation());
        assertThat(api.post("/api/v1/contests/" + contest + "/signups", ContestTestData.signup(email))
                        .status())
                .isEqualTo(201);
        String campaignName =
                admin.get("/api/v1/campaigns/" + campaign).json().get("name").asString();
        String contestName =
                admin.get("/api/v1/contests/" + contest).json().get("name").asString();

        Api.Response page =
                ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api).get("/contacts/" + id);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains(email, "Ada", "plan", "pro", "Can be mailed")
                .contains(campaignName, "Opened", "Clicked")
                .contains(contestName)
                .contains("Predictions", "Best hours")
                .doesNotContain("Erase contact");
    }

    @Test
    void erasingErasesTheContactAndViewersCannot() {
        String email = "erase-" + unique() + "@example.com";
        long id = contact(email, "Eve", "Erased", Map.of("plan", "pro"));
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);
        assertThat(viewer.changing(api)
                        .postForm("/contacts/" + id + "/erase", Map.of())
                        .status())
                .isEqualTo(403);
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        assertThat(editor.reading(api).get("/contacts/" + id).body()).contains("Erase contact");

        Api.Response erased = editor.changing(api).postForm("/contacts/" + id + "/erase", Map.of());

        assertThat(erased.status()).isEqualTo(303);
        assertThat(erased.header("Location")).endsWith("/contacts");
        var stored = admin.get("/api/v1/contacts/" + id).json();
        assertThat(stored.get("status").asString()).isEqualTo("ERASED");
        assertThat(stored.get("email").asString()).doesNotContain("erase-");
        assertThat(stored.get("attributes").isEmpty()).isTrue();
        assertThat(editor.reading(api).get("/contacts/" + id).body())
                .contains("Erased contact")
                .doesNotContain(email);
    }

    @Test
    void importsACsvFromTheConsoleAndShowsItsCountsAndRejectedLines() {
        String tag = "imp" + unique().toLowerCase();
        String csv = "email,first_name,plan\n" + tag + "-1@example.com,Ada,pro\nnot-an-address,Bob,free\n" + tag
                + "-2@example.com,Cy,free\n" + tag + "-1@example.com,Ada,team\n";
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        Api.Response started = upload(editor.changing(api).with("HX-Request", "true"), "people.csv", csv);

        assertThat(started.status()).as(started.body()).isEqualTo(204);
        String location = started.header("HX-Redirect");
        assertThat(location).matches("/contacts/imports/\\d+");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> editor.reading(api).get(location + "/progress").body(), b -> b.contains("Finished"));
        String page = editor.reading(api).get(location).body();
        assertThat(page).contains("Import of people.csv", "Processed", "Created", "Duplicates", "Rejected lines");
        assertThat(page).contains("not-an-address").contains("/rejected");
        assertThat(page).doesNotContain("hx-trigger=\"every 1s\"");
    }

    @Test
    void aFileOfUnsubscribedPeopleImportsSuppressedWithTheFormsChoiceWhichAnErrorKeeps() {
        String tag = "uns" + unique().toLowerCase();
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        assertThat(editor.reading(api).get("/contacts/import").body())
                .contains("Everyone in this file is")
                .contains("<option value=\"unsubscribed\">Unsubscribed</option>");

        Api.Response refused =
                upload(editor.changing(api).with("HX-Request", "true"), "x.csv", "name\nAda\n", "unsubscribed");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("<option value=\"unsubscribed\" selected=\"selected\">");

        Api.Response started = upload(
                editor.changing(api).with("HX-Request", "true"),
                "unsubscribed.csv",
                "Email Address,First Name\n" + tag + "-1@example.com,Ada\n" + tag + "-2@example.com,Bob\n",
                "unsubscribed");
        assertThat(started.status()).as(started.body()).isEqualTo(204);
        String location = started.header("HX-Redirect");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> editor.reading(api).get(location + "/progress").body(), b -> b.contains("Finished"));
        for (String who : List.of("-1", "-2")) {
            var found = admin.get("/api/v1/contacts?email=" + tag + who + "%40example.com")
                    .json();
            assertThat(found.toString()).contains("UNSUBSCRIBED").doesNotContain("\"ACTIVE\"");
        }
    }

    @Test
    void anUnusableFileIsShownOnTheFormAndViewersCannotImport() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        Api.Response refused = upload(editor.changing(api).with("HX-Request", "true"), "x.csv", "name\nAda\n");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("email").contains("id=\"file-error\"");

        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);
        assertThat(viewer.reading(api).get("/contacts/import").status()).isEqualTo(200);
        assertThat(viewer.reading(api).get("/contacts").body()).doesNotContain("href=\"/contacts/import\"");
        assertThat(upload(viewer.changing(api), "x.csv", "email\na@example.com\n")
                        .status())
                .isEqualTo(403);
    }

    private static Api.Response upload(Api client, String fileName, String csv) {
        return upload(client, fileName, csv, null);
    }

    /** The form as a browser sends it: the status choice (when given) before the file. */
    private static Api.Response upload(Api client, String fileName, String csv, String status) {
        String boundary = "----iabulk" + unique();
        String body = (status == null
                        ? ""
                        : "--" + boundary + "\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\n" + status
                                + "\r\n")
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return client.send(
                "POST",
                "/contacts/imports",
                "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
