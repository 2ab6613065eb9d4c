package io.iabulk.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.JarProcess;
import io.iabulk.support.ServicesExtension;
import io.iabulk.support.TestMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} of the packaged jar in the middle of a campaign, then a restart on the same
 * PostgreSQL database: every recipient still gets the message, and the only duplicates are the
 * messages that were in flight, which the campaign reports as possibly duplicated.
 */
@ExtendWith(ServicesExtension.class)
class CrashRestartE2ETest {

    static final int RECIPIENTS = 2_000;
    static final int WORKERS = 2;
    static final int BATCH = 25;
    static final String KEY = "crash-test-admin-key";
    static final String DATABASE = "iabulk_crash_" + ProcessHandle.current().pid();

    @TempDir
    static Path workDir;

    static JarProcess app;

    @BeforeAll
    static void createDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (app != null) {
            app.stop();
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    static JarProcess boot(String logName) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/" + DATABASE);
        env.put("SPRING_DATASOURCE_USERNAME", "postgres");
        env.put("SPRING_MAIL_HOST", "localhost");
        env.put("SPRING_MAIL_PORT", Integer.toString(TestMail.PORT));
        env.put("IABULK_ADMIN_API_KEY", KEY);
        env.put("IABULK_DELIVERY_WORKERS", Integer.toString(WORKERS));
        env.put("IABULK_DELIVERY_CLAIMBATCH", Integer.toString(BATCH));
        env.put("IABULK_DELIVERY_LEASE", "3s");
        return JarProcess.start(workDir, logName, env);
    }

    @Test
    void noRecipientIsSkippedAfterAKillAndDuplicatesStayWithinTheInFlightBound() throws Exception {
        app = boot("first.log");
        insertContacts();
        Api admin = app.api().admin(KEY);
        long template = admin.post(
                        "/api/v1/templates",
                        Map.of(
                                "name", "Crash",
                                "subject", "Hello {{default firstName \"there\"}}",
                                "html", "<p>Hi {{firstName}}</p>"))
                .json()
                .get("id")
                .asLong();
        Api.Response created = admin.post(
                "/api/v1/campaigns",
                Map.of(
                        "name",
                        "Crash campaign",
                        "templateId",
                        template,
                        "audience",
                        Map.of("all", true),
                        "from",
                        "crash@iabulk.test",
                        "maxRatePerSecond",
                        200));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long campaign = created.json().get("id").asLong();
        assertThat(admin.post("/api/v1/campaigns/" + campaign + "/start").status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> progress(admin, campaign).get("sent").asLong() >= RECIPIENTS / 4);

        app.kill();
        app = boot("second.log");
        Api restarted = app.api().admin(KEY);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> restarted
                        .get("/api/v1/campaigns/" + campaign)
                        .json()
                        .get("status")
                        .asString()
                        .equals("FINISHED"));

        JsonNode progress = progress(restarted, campaign);
        Map<String, Long> received = TestMail.all().stream()
                .filter(m -> subject(m).startsWith("Hello"))
                .collect(Collectors.groupingBy(CrashRestartE2ETest::recipient, Collectors.counting()));
        assertThat(received).as("every recipient got the message").hasSize(RECIPIENTS);
        long duplicates = received.values().stream().mapToLong(n -> n - 1).sum();
        long possiblyDuplicated = progress.get("possiblyDuplicated").asLong();
        System.out.printf(
                "crash test: %d recipients, %d messages received, %d duplicates, %d reported possibly duplicated%n",
                RECIPIENTS, received.values().stream().mapToLong(n -> n).sum(), duplicates, possiblyDuplicated);
        assertThat(progress.get("sent").asLong()).isEqualTo(RECIPIENTS);
        assertThat(duplicates)
                .as("every duplicate is one the campaign reports")
                .isLessThanOrEqualTo(possiblyDuplicated);
        assertThat(possiblyDuplicated)
                .as("only what was claimed and unrecorded at the kill is re-sent")
                .isLessThanOrEqualTo((long) WORKERS * BATCH * 2);
        assertThat(received.values()).as("a message is re-sent at most once").allMatch(n -> n <= 2);
    }

    static JsonNode progress(Api admin, long campaign) {
        return admin.get("/api/v1/campaigns/" + campaign).json().get("progress");
    }

    static void insertContacts() throws Exception {
        try (Connection c =
                        DriverManager.getConnection("jdbc:postgresql://localhost:5432/" + DATABASE, "postgres", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO contacts (email, email_normalized, first_name, status, created_at, updated_at)
                    SELECT 'crash' || n || '@crash.test', 'crash' || n || '@crash.test', 'P' || n, 'ACTIVE', now(), now()
                    FROM generate_series(1, %d) n
                    """.formatted(RECIPIENTS));
        }
    }

    static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
