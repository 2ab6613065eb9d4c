package io.iabulk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.AuditLog;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.TestMail;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Operator accounts at the edge: setup, sessions, anti-forgery tokens, roles, lockout, reset. */
class ConsoleAccessTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Test
    void theFirstStartSetupLinkCreatesOneOwnerOnceAndSignsItIn() {
        jdbc.sql("DELETE FROM operators").update();
        jdbc.sql("DELETE FROM operator_setup").update();
        jdbc.sql("DELETE FROM operator_tokens").update();
        String token = accounts.createSetupToken();
        Api api = ConsoleLogin.fromOwnAddress(this.api);

        Api.Response page = api.get("/setup?token=" + token);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Create the owner account");
        assertThat(api.get("/setup?token=wrong").status()).isEqualTo(404);

        Map<String, String> fields = Map.of(
                "token", token,
                "email", "Owner@Example.com",
                "name", "Olivia Owner",
                "password", ConsoleLogin.PASSWORD,
                "timeZone", "Europe/Paris");
        // a form posted from another site has no form cookie: refused, nothing created
        Api.Response forged = api.postForm("/setup", with(fields, "_csrf", "guess"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(accounts.needsSetup()).isTrue();

        api = ConsoleLogin.fromOwnAddress(this.api);
        String form = ConsoleLogin.formToken(api);
        Api.Response weak = api.with("Cookie", "iab_form=" + form)
                .postForm("/setup", with(with(fields, "_csrf", form), "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("12 to 200 characters");

        Api.Response created = api.with("Cookie", "iab_form=" + form).postForm("/setup", with(fields, "_csrf", form));
        assertThat(created.status()).isEqualTo(303);
        assertThat(created.header("Location")).endsWith("/?welcome");
        String setCookie = created.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("iab_session="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
        assertThat(accounts.accounts()).singleElement().satisfies(owner -> {
            assertThat(owner.email()).isEqualTo("owner@example.com");
            assertThat(owner.role()).isEqualTo(Role.OWNER);
        });

        // the link works once: a second setup (another token too) creates nobody
        String second = accounts.createSetupToken();
        api = ConsoleLogin.fromOwnAddress(this.api);
        Api.Response again = api.with("Cookie", "iab_form=" + form)
                .postForm("/setup", with(with(fields, "_csrf", form), "token", second));
        assertThat(again.status()).isEqualTo(409);
        assertThat(accounts.accounts()).hasSize(1);
        assertThat(api.get("/setup?token=" + token).status()).isEqualTo(303);
    }

    @Test
    void aSessionReadsTheApiButAChangeNeedsTheSessionsToken() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        assertThat(editor.reading(api).get("/api/v1/contests").status()).isEqualTo(200);

        Object contest = ContestTestData.contest();
        Api.Response forged = editor.reading(api).post("/api/v1/contests", contest);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
        assertThat(forged.json().get("detail").asString()).contains("security token");

        Api.Response wrongToken =
                editor.reading(api).with("X-CSRF-Token", "not-it").post("/api/v1/contests", contest);
        assertThat(wrongToken.status()).isEqualTo(403);

        Api.Response created = editor.changing(api).post("/api/v1/contests", contest);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        // the change is in the audit log under the operator's address
        assertThat(audit.page(new AuditLog.Filter(editor.email(), null, null, null, null), 10))
                .anySatisfy(entry -> {
                    assertThat(entry.action()).isEqualTo("POST /api/v1/contests");
                    assertThat(entry.outcome()).isEqualTo(201);
                });
    }

    @Test
    void aViewerReadsButChangesNothing() {
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);

        assertThat(viewer.reading(api).get("/api/v1/contests").status()).isEqualTo(200);
        Api.Response refused = viewer.changing(api).post("/api/v1/contests", ContestTestData.contest());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").asString()).contains("VIEWER").contains("EDITOR");
    }

    @Test
    void anUnknownOrEndedSessionIsNoSession() {
        Api.Response none = api.with("Cookie", "iab_session=made-up").get("/api/v1/contests");
        assertThat(none.status()).isEqualTo(401);

        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        Api.Response out = owner.changing(api).postForm("/logout", Map.of("_csrf", owner.csrf()));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).endsWith("/login?signedOut");
        assertThat(owner.reading(api).get("/api/v1/contests").status()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressGetTheSameAnswerAndFailuresLockTheAccount() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        Api.Response unknown = signInFrom("198.51.100.1", "nobody@operators.example", ConsoleLogin.PASSWORD);
        Api.Response wrong = signInFrom("198.51.100.2", editor.email(), "wrong password here");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(errorOf(unknown.body())).isEqualTo(errorOf(wrong.body()));

        for (int i = 3; i <= 6; i++) {
            signInFrom("198.51.100." + i, editor.email(), "wrong password here");
        }
        // five failures in a row: even the right password is refused for a while, and it says so
        Api.Response locked = signInFrom("198.51.100.20", editor.email(), ConsoleLogin.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed sign-ins for this account");
    }

    @Test
    void aPasswordIsResetOnceWithTheEmailedLinkAndOldSessionsEnd() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        Api api = ConsoleLogin.fromOwnAddress(this.api);
        String form = ConsoleLogin.formToken(api);
        Api.Response asked = api.with("Cookie", "iab_form=" + form)
                .postForm("/password-reset", Map.of("email", editor.email(), "_csrf", form));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("Check your inbox");
        // an address without an account gets the same page
        Api.Response unknown = api.with("Cookie", "iab_form=" + form)
                .postForm("/password-reset", Map.of("email", "nobody@operators.example", "_csrf", form));
        assertThat(unknown.body()).contains("Check your inbox");

        List<MimeMessage> mails = TestMail.awaitFor(editor.email(), 1, Duration.ofSeconds(10));
        assertThat(mails).hasSize(1);
        Matcher link = Pattern.compile("/password-reset/([A-Za-z0-9_-]+)").matcher(TestMail.textOf(mails.getFirst()));
        assertThat(link.find()).isTrue();
        String path = link.group();

        api = ConsoleLogin.fromOwnAddress(this.api);
        assertThat(api.get(path).status()).isEqualTo(200);
        String newPassword = "a brand new long passphrase";
        Api.Response reset =
                api.with("Cookie", "iab_form=" + form).postForm(path, Map.of("password", newPassword, "_csrf", form));
        assertThat(reset.status()).isEqualTo(303);
        assertThat(reset.header("Location")).endsWith("/login?reset");

        assertThat(editor.reading(api).get("/api/v1/contests").status()).isEqualTo(401);
        assertThat(signInFrom("198.51.100.40", editor.email(), ConsoleLogin.PASSWORD)
                        .status())
                .isEqualTo(401);
        ConsoleLogin.signIn(api.with("X-Forwarded-For", "198.51.100.41"), accounts, editor.email(), newPassword);

        api = ConsoleLogin.fromOwnAddress(this.api);
        Api.Response reused = api.with("Cookie", "iab_form=" + form)
                .postForm(path, Map.of("password", "another long passphrase", "_csrf", form));
        assertThat(reused.status()).isEqualTo(409);
    }

    @Test
    void theSignInPageNeverSendsThePersonToAnotherSite() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        for (String next : List.of("//evil.example/x", "https://evil.example", "/\\evil.example", "/contests")) {
            Api client = ConsoleLogin.fromOwnAddress(api);
            String form = ConsoleLogin.formToken(client);
            Api.Response signedIn = client.with("Cookie", "iab_form=" + form)
                    .postForm(
                            "/login",
                            Map.of("email", owner.email(), "password", owner.password(), "_csrf", form, "next", next));
            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.header("Location")).isEqualTo(next.equals("/contests") ? "/contests" : "/");
        }
    }

    private Api.Response signInFrom(String address, String email, String password) {
        Api client = api.with("X-Forwarded-For", address);
        String form = ConsoleLogin.formToken(client);
        return client.with("Cookie", "iab_form=" + form)
                .postForm("/login", Map.of("email", email, "password", password, "_csrf", form));
    }

    private static String errorOf(String page) {
        Matcher error =
                Pattern.compile("id=\"sign-in-error\"[\\s\\S]*?<p>([^<]*)</p>").matcher(page);
        return error.find() ? error.group(1) : null;
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        java.util.Map<String, String> copy = new java.util.HashMap<>(fields);
        copy.put(name, value);
        return copy;
    }
}
