package io.iabulk.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.JarProcess;
import io.iabulk.support.TestMail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Boots the packaged jar exactly as the README says ({@code java -jar target/iabulk.jar}, nothing
 * configured: embedded mode) in an empty folder and drives the contest flow over HTTP, reading the
 * confirmation emails from the outbox folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedJarE2ETest {

    @TempDir
    static Path workDir;

    static JarProcess app;
    static Api api;
    static String adminKey;

    @BeforeAll
    static void boot() throws Exception {
        app = JarProcess.start(workDir, "app.log", Map.of());
        adminKey = app.awaitLog(Pattern.compile("Admin API key: (iab_[A-Za-z0-9_-]+)"), Duration.ofSeconds(10));
        api = app.api();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    @Order(0)
    void aCleanStartWarnsOfNothingAndEndsWithABannerThatLinksTheDemo() throws Exception {
        String log = app.log();

        assertThat(log.lines().filter(line -> line.contains(" WARN ") || line.startsWith("WARNING")))
                .as("warnings of a clean start")
                .isEmpty();
        assertThat(log)
                .containsSubsequence(
                        "Started IaBulkApplication",
                        "Created the demo contest",
                        "\n\n  ====",
                        "IA Bulk is running (embedded mode)",
                        "Demo contest:  http://localhost:" + app.port + "/c/launch",
                        "Admin API key: " + adminKey);
    }

    @Test
    @Order(0)
    void swaggerUiLoadsWithoutAKeyInEmbeddedMode() {
        for (String path : List.of(
                "/swagger-ui/index.html",
                "/swagger-ui/swagger-initializer.js",
                "/v3/api-docs/swagger-config",
                "/v3/api-docs")) {
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    @Order(1)
    void theContestFlowWorksOverHttpInEmbeddedMode() throws Exception {
        assertThat(app.log()).contains("IA Bulk is running (embedded mode)");
        assertThat(api.get("/c/launch").status()).as("demo contest page").isEqualTo(200);
        assertThat(api.get("/api/v1/contests/1/leaderboard")
                        .json()
                        .get("entries")
                        .size())
                .isPositive();

        Api admin = api.admin(adminKey);
        Api.Response created = admin.post(
                "/api/v1/contests",
                Map.of("name", "E2E contest", "milestones", List.of(Map.of("referrals", 1, "reward", "Sticker"))));
        assertThat(created.status()).isEqualTo(201);
        long contest = created.json().get("id").asLong();
        assertThat(admin.post("/api/v1/contests/" + contest + "/activate").status())
                .isEqualTo(200);

        JsonNode alice = api.post("/api/v1/contests/" + contest + "/signups", Map.of("email", "Alice@Example.org"))
                .json();
        assertThat(alice.get("status").asString()).isEqualTo("PENDING");
        assertThat(confirm(confirmLink("Alice@Example.org")).status()).isEqualTo(200);

        JsonNode bob = api.post(
                        "/api/v1/contests/" + contest + "/signups",
                        Map.of(
                                "email",
                                "bob@example.org",
                                "firstName",
                                "Bob",
                                "lastName",
                                "Builder",
                                "referralCode",
                                alice.get("referralCode").asString()))
                .json();
        assertThat(api.get("/api/v1/participants/" + alice.get("referralCode").asString())
                        .json()
                        .get("pendingReferrals")
                        .asInt())
                .isEqualTo(1);
        Api.Response confirmed = confirm(confirmLink("bob@example.org"));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains(bob.get("referralUrl").asString());

        JsonNode status = api.get(
                        "/api/v1/participants/" + alice.get("referralCode").asString())
                .json();
        assertThat(status.get("referrals").asInt()).isEqualTo(1);
        assertThat(status.get("points").asInt()).isEqualTo(10);
        assertThat(status.get("rank").asLong()).isEqualTo(1);
        JsonNode board = api.get("/api/v1/contests/" + contest + "/leaderboard").json();
        assertThat(board.get("entries").get(0).get("participantId").asLong())
                .isEqualTo(alice.get("participantId").asLong());
        assertThat(board.get("entries").get(0).get("displayName").asString()).isEqualTo("a***@example.org");
        assertThat(board.get("entries").get(1).get("displayName").asString()).isEqualTo("Bob B.");
        assertThat(api.get("/p/" + alice.get("referralCode").asString()).status())
                .isEqualTo(200);

        // the operator's list on H2: a search, the referrer's address, the CSV file
        JsonNode found = admin.get("/api/v1/contests/" + contest + "/participants?q=BOB%40")
                .json();
        assertThat(found.get("items").size()).isEqualTo(1);
        assertThat(found.get("items").get(0).get("referredByEmail").asString()).isEqualTo("Alice@Example.org");
        Api.Response csv = admin.with("Accept", "text/csv").get("/api/v1/contests/" + contest + "/participants");
        assertThat(csv.body().lines().toList()).hasSize(3).first().asString().startsWith("participantId,email,");
        assertThat(admin.get("/api/v1/contests/" + contest + "/participants/"
                                + alice.get("participantId").asLong() + "/referrals")
                        .json()
                        .get("items")
                        .get(0)
                        .get("status")
                        .asString())
                .isEqualTo("CREDITED");
    }

    /**
     * Engagement history imports on H2 through the whole application (the MERGE upsert, the
     * contacts module's lookup, the background job), and a prediction reads the contact's timeline
     * from it (docs/decisions/0020).
     */
    /**
     * The console on H2: the banner's one-time setup link creates the first owner, who is signed in
     * and sees every page of the console.
     */
    @Test
    @Order(1)
    void theBannersSetupLinkOpensTheConsoleAndEveryPageWorksInEmbeddedMode() throws Exception {
        String link = app.awaitLog(
                Pattern.compile("Console setup: +(http://\\S+/setup\\?token=[A-Za-z0-9_-]+)"), Duration.ofSeconds(10));
        assertThat(api.get("/").status()).as("the console without a session").isEqualTo(303);
        String path = link.substring(link.indexOf("/setup"));
        Api.Response setup = api.get(path);
        assertThat(setup.status()).isEqualTo(200);
        String form = ConsoleLogin.cookie(setup.raw(), "iab_form");
        Api.Response created = api.with("Cookie", "iab_form=" + form)
                .postForm(
                        "/setup",
                        Map.of(
                                "token", path.substring(path.indexOf('=') + 1),
                                "name", "Embedded Owner",
                                "email", "owner@example.com",
                                "password", "an embedded owner passphrase",
                                "_csrf", form));
        assertThat(created.status()).as(created.body()).isEqualTo(303);
        Api owner = api.with("Cookie", "iab_session=" + ConsoleLogin.cookie(created.raw(), "iab_session"));
        for (String page : CONSOLE_PAGES) {
            Api.Response answer = owner.get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.header("Content-Type")).as(page).startsWith("text/html");
        }
        assertThat(api.get(path).status()).as("the setup link works once").isEqualTo(303);
    }

    /** The console's pages (contest 1 is the demo contest). */
    static final List<String> CONSOLE_PAGES = List.of(
            "/",
            "/contests",
            "/contests/new",
            "/contests/1",
            "/contests/1/review",
            "/contests/1/winners",
            "/contests/1/participants",
            "/contests/1/participants?q=a",
            "/contests/1/participants/1",
            "/contacts",
            "/contacts?q=ada",
            "/contacts/import",
            "/segments",
            "/segments/new",
            "/templates",
            "/templates/new",
            "/campaigns",
            "/campaigns/new",
            "/analytics",
            "/models",
            "/settings",
            "/settings/api-keys",
            "/settings/webhooks",
            "/settings/accounts",
            "/audit",
            "/account");

    @Test
    @Order(1)
    void historyImportsAndFeedsPredictionsInEmbeddedMode() throws Exception {
        Api admin = api.admin(adminKey);
        Api.Response contact =
                admin.post("/api/v1/contacts", Map.of("email", "history@example.org", "timeZone", "Europe/Paris"));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        long id = contact.json().get("id").asLong();
        StringBuilder csv = new StringBuilder("email,messageId,sentAt,openedAt\n");
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int day = 1; day <= 10; day++) {
            java.time.Instant sent = now.minus(Duration.ofDays(3L * day));
            csv.append("History@example.org,m")
                    .append(day)
                    .append(',')
                    .append(sent)
                    .append(',')
                    .append(sent.plusSeconds(600))
                    .append('\n');
        }
        csv.append("nobody@example.org,m1,")
                .append(now.minus(Duration.ofDays(1)))
                .append(",\n");

        Api.Response accepted = admin.send(
                "POST",
                "/api/v1/contacts/history",
                "text/csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String location = accepted.header("Location");
        JsonNode result = admin.get(location).json();
        for (int i = 0; i < 300 && result.get("status").asString().equals("RUNNING"); i++) {
            Thread.sleep(100);
            result = admin.get(location).json();
        }

        assertThat(result.get("status").asString()).isEqualTo("FINISHED");
        assertThat(result.get("imported").asLong()).isEqualTo(10);
        assertThat(result.get("invalid").asLong()).isEqualTo(1);
        assertThat(admin.get(location + "/rejected").body()).contains("12,UNKNOWN_CONTACT");
        Api.Response prediction =
                admin.get("/api/v1/contacts/" + id + "/predictions?at=" + now.plus(Duration.ofDays(30)));
        assertThat(prediction.status()).as(prediction.body()).isEqualTo(200);
        assertThat(prediction.json().get("timeZone").asString()).isEqualTo("Europe/Paris");
        assertThat(prediction.json().get("openProbability").asDouble()).isBetween(0.0, 1.0);
    }

    /**
     * A graceful stop writes what is still in memory (the rollup counts of the last second) before
     * the embedded database closes, so nothing counted is lost across a restart.
     */
    @Test
    @Order(2)
    void countsOfTheLastSecondBeforeAGracefulStopSurviveARestart() throws Exception {
        Api admin = api.admin(adminKey);
        assertThat(admin.post("/api/v1/contacts", Map.of("email", "stop@example.org"))
                        .status())
                .isEqualTo(201);
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(Map.of("email", "stop@example.org", "type", "e2e.stop"));
        }
        Api.Response ingested = admin.post("/api/v1/events", events);
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        assertThat(ingested.json().get("accepted").asInt()).isEqualTo(300);

        app.stop();
        assertThat(app.log())
                .as("the database was open until the application had stopped")
                .doesNotContain("Database is already closed")
                .doesNotContain("ERROR");
        app = JarProcess.start(workDir, "restarted.log", Map.of());
        api = app.api();

        JsonNode series = api.admin(adminKey)
                .get("/api/v1/analytics/timeseries?type=e2e.stop")
                .json();
        long counted = 0;
        for (JsonNode point : series.get("points")) {
            counted += point.get("count").asLong();
        }
        assertThat(counted).isEqualTo(300);
    }

    /**
     * In embedded mode Swagger UI works without the key: its page and every script, style sheet and
     * document it loads (a browser sends no key for them).
     */
    @Test
    @Order(3)
    void swaggerUiAndEverythingItLoadsArePublicInEmbeddedMode() {
        Api.Response page = api.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        List<String> assets = new ArrayList<>();
        Matcher links = Pattern.compile("(?:src|href)=\"\\.?/?([^\"]+)\"").matcher(page.body());
        while (links.find()) {
            assets.add("/swagger-ui/" + links.group(1));
        }
        assertThat(assets).contains("/swagger-ui/swagger-initializer.js");
        assets.add("/v3/api-docs/swagger-config");
        assets.add("/v3/api-docs");

        for (String asset : assets) {
            assertThat(api.get(asset).status()).as(asset).isEqualTo(200);
        }
    }

    /** Follows a confirmation link as a person does: the page asks, its button (a POST) confirms. */
    private static Api.Response confirm(String link) {
        Api.Response page = api.get(link);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\">");
        return api.postForm(link, Map.of());
    }

    /** The confirmation link in the newest outbox message to an address. */
    private static String confirmLink(String recipient) throws Exception {
        Path outbox = workDir.resolve("data/outbox");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".eml"))
                            .sorted()
                            .toList()
                            .reversed()) {
                        MimeMessage message;
                        try (InputStream in = Files.newInputStream(file)) {
                            message = new MimeMessage(Session.getInstance(new Properties()), in);
                        }
                        if (message.getAllRecipients()[0].toString().equalsIgnoreCase(recipient)) {
                            Matcher m = Pattern.compile("(http://\\S+/confirm/[A-Za-z0-9_-]+)")
                                    .matcher(TestMail.textOf(message));
                            assertThat(m.find())
                                    .as("confirmation link in the email")
                                    .isTrue();
                            return m.group(1);
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No email to " + recipient + " in " + outbox);
    }
}
