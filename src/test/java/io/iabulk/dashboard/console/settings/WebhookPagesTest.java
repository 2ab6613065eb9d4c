package io.iabulk.dashboard.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.HttpTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's webhooks pages: create (secret shown once), refuse bad input, log, enable, delete. */
class WebhookPagesTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM webhooks").update();
    }

    @Test
    void anOwnerAddsAWebhookSeesItsSecretOnceAndDeletesIt() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        String url = "https://93.184.215.14/hooks/" + System.nanoTime();

        Api.Response created = post(
                owner,
                "/settings/webhooks",
                "url=" + encode(url) + "&events=referral.credited&events=milestone.reached&secret=&_csrf="
                        + encode(owner.csrf()));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Matcher secret = Pattern.compile("(whsec_[A-Za-z0-9_-]{43})").matcher(created.body());
        assertThat(secret.find()).as("the secret is shown once").isTrue();

        String page = owner.reading(api).get("/settings/webhooks").body();
        assertThat(page)
                .contains(url)
                .contains("referral.credited, ")
                .contains("milestone.reached")
                .contains("Enabled");
        assertThat(page).doesNotContain(secret.group(1)).doesNotContain("whsec_");

        Matcher delete = Pattern.compile("/settings/webhooks/(\\d+)/delete").matcher(page);
        assertThat(delete.find()).isTrue();
        Api.Response deleted = owner.changing(api).postForm(delete.group(), Map.of("_csrf", owner.csrf()));
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(owner.reading(api).get("/settings/webhooks").body()).doesNotContain(url);
    }

    @Test
    void badInputIsShownAtItsFieldsAndNothingIsCreated() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        Api.Response refused = post(
                owner, "/settings/webhooks", "url=" + encode("ftp://x<script>") + "&_csrf=" + encode(owner.csrf()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("There are 2 problems")
                .contains("is not a valid URL")
                .contains("must list at least one event type")
                .contains("aria-invalid=\"true\"")
                .doesNotContain("x<script>");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM webhooks").query(Long.class).single())
                .isZero();
    }

    @Test
    void theLogShowsEachDeliveryAndADisabledWebhookCanBeEnabledAgain() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        long hook = jdbc.sql("""
                        INSERT INTO webhooks (url, secret, enabled, created_at, failing_since, disabled_at, disabled_reason)
                        VALUES ('https://93.184.215.14/down', 'secret-0123456789abcdef', FALSE, :now, :now, :now, 'HTTP 503')
                        RETURNING id""")
                .param("now", Timestamp.from(Instant.now()))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, subject, payload, status, attempts,
                                                        last_status_code, last_error, created_at, last_attempt_at, finished_at)
                        VALUES (:hook, 'evt_page_test', 'referral.credited', 'participant:7', '{}', 'FAILED', 12, 503,
                                'HTTP 503', :now, :now, :now)""")
                .param("hook", hook)
                .param("now", Timestamp.from(Instant.now()))
                .update();

        String list = owner.reading(api).get("/settings/webhooks").body();
        assertThat(list)
                .contains("Disabled after failing for a day: HTTP 503")
                .contains("/settings/webhooks/" + hook + "/enable");

        String log = owner.reading(api).get("/settings/webhooks/" + hook).body();
        assertThat(log)
                .contains("evt_page_test")
                .contains("participant:7")
                .contains("HTTP 503")
                .contains("Failed");
        assertThat(log).contains("This webhook is disabled");
        assertThat(owner.reading(api)
                        .get("/settings/webhooks/" + hook + "?status=DELIVERED")
                        .body())
                .doesNotContain("evt_page_test")
                .contains("No delivery with this status.");

        Api.Response enabled =
                owner.changing(api).postForm("/settings/webhooks/" + hook + "/enable", Map.of("_csrf", owner.csrf()));
        assertThat(enabled.status()).isEqualTo(303);
        assertThat(owner.reading(api).get("/settings/webhooks/" + hook).body())
                .doesNotContain("This webhook is disabled");
        assertThat(owner.reading(api).get("/settings/webhooks/999999999").status())
                .isEqualTo(404);
    }

    @Test
    void onlyOwnersSeeWebhooks() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        assertThat(editor.reading(api).get("/settings/webhooks").status()).isEqualTo(403);
        assertThat(editor.changing(api)
                        .postForm(
                                "/settings/webhooks", Map.of("url", "https://93.184.215.14/x", "_csrf", editor.csrf()))
                        .status())
                .isEqualTo(403);
        assertThat(editor.reading(api).get("/settings").body()).doesNotContain("/settings/webhooks");
    }

    private Api.Response post(ConsoleLogin who, String path, String form) {
        return who.changing(api)
                .send("POST", path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
