package io.iabulk.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
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

/** The console's access pages: API keys, accounts, audit log, settings, own profile. */
class AccountPagesTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Test
    void anOwnerCreatesANamedKeyThatWorksShowsItsLastUseAndRevokesIt() throws Exception {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        String name = "CRM sync " + System.nanoTime();

        Api.Response created =
                owner.changing(api).postForm("/settings/api-keys", Map.of("name", name, "_csrf", owner.csrf()));
        assertThat(created.status()).isEqualTo(200);
        Matcher shown = Pattern.compile("(iab_[A-Za-z0-9_-]{20,})").matcher(created.body());
        assertThat(shown.find()).as("the new key is shown once").isTrue();
        String key = shown.group(1);

        assertThat(api.admin(key).get("/api/v1/contests").status()).isEqualTo(200);
        // the key page no longer shows the value, and tells when the key was last used
        Thread.sleep(50);
        String page = owner.reading(api).get("/settings/api-keys").body();
        assertThat(page).contains(name).doesNotContain(key).doesNotContain("iab_");
        assertThat(rowOf(page, name)).doesNotContain("Never");

        Matcher revoke = Pattern.compile("/settings/api-keys/(\\d+)/revoke").matcher(rowOf(page, name));
        assertThat(revoke.find()).isTrue();
        Api.Response revoked = owner.changing(api).postForm(revoke.group(), Map.of("_csrf", owner.csrf()));
        assertThat(revoked.status()).isEqualTo(303);
        assertThat(api.admin(key).get("/api/v1/contests").status()).isEqualTo(401);
        assertThat(owner.reading(api).get("/settings/api-keys").body()).doesNotContain(name);
    }

    @Test
    void anEmptyKeyNameIsShownAtItsField() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        Api.Response refused =
                owner.changing(api).postForm("/settings/api-keys", Map.of("name", " ", "_csrf", owner.csrf()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Name the key").contains("aria-invalid=\"true\"");
    }

    @Test
    void onlyOwnersSeeKeysAndAccountsButEveryoneSeesTheAuditLogAndSettings() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        Api.Response keys = editor.reading(api).with("Accept", "text/html").get("/settings/api-keys");
        assertThat(keys.status()).isEqualTo(403);
        assertThat(keys.header("Content-Type")).startsWith("text/html");
        assertThat(keys.body()).contains("Not allowed").contains("EDITOR");
        assertThat(editor.reading(api).get("/settings/accounts").status()).isEqualTo(403);
        assertThat(editor.changing(api)
                        .postForm("/settings/api-keys", Map.of("name", "sneaky", "_csrf", editor.csrf()))
                        .status())
                .isEqualTo(403);

        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);
        assertThat(viewer.reading(api).get("/audit").status()).isEqualTo(200);
        Api.Response settings = viewer.reading(api).get("/settings");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body()).contains("Transport").contains("DKIM");
        // a viewer's own profile is theirs to change
        Api.Response profile = viewer.changing(api)
                .postForm("/account", Map.of("name", "Vera Viewer", "timeZone", "Asia/Tokyo", "_csrf", viewer.csrf()));
        assertThat(profile.status()).isEqualTo(303);
        assertThat(accounts.find(viewer.session()).orElseThrow().timeZone().getId())
                .isEqualTo("Asia/Tokyo");
        Api.Response badZone = viewer.changing(api)
                .postForm("/account", Map.of("name", "Vera", "timeZone", "Mars/Olympus", "_csrf", viewer.csrf()));
        assertThat(badZone.status()).isEqualTo(422);
        assertThat(badZone.body()).contains("Choose a time zone");
    }

    @Test
    void aConsolePageWithoutASessionSendsTheBrowserToSignInAndBack() {
        Api.Response page = api.get("/settings/accounts?x=1");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/login?next=%2Fsettings%2Faccounts%3Fx%3D1");

        Api.Response htmx = api.with("HX-Request", "true").get("/audit");
        assertThat(htmx.status()).isEqualTo(401);
        assertThat(htmx.header("HX-Redirect")).startsWith("/login?next=");
    }

    @Test
    void anOwnerInvitesAnOperatorWhoChoosesAPasswordAndIsAudited() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        String email = "invited-" + System.nanoTime() + "@operators.example";
        Api.Response invited = owner.changing(api)
                .postForm(
                        "/settings/accounts",
                        Map.of("name", "Ivan Invited", "email", email, "role", "VIEWER", "_csrf", owner.csrf()));
        assertThat(invited.status()).isEqualTo(303);

        List<MimeMessage> mails = TestMail.awaitFor(email, 1, Duration.ofSeconds(10));
        assertThat(mails).hasSize(1);
        Matcher link = Pattern.compile("/password-reset/([A-Za-z0-9_-]+)").matcher(TestMail.textOf(mails.getFirst()));
        assertThat(link.find()).isTrue();
        Api client = ConsoleLogin.fromOwnAddress(api);
        String form = ConsoleLogin.formToken(client);
        assertThat(client.with("Cookie", "iab_form=" + form)
                        .postForm(link.group(), Map.of("password", "my own long passphrase", "_csrf", form))
                        .status())
                .isEqualTo(303);
        ConsoleLogin ivan = ConsoleLogin.signIn(api, accounts, email, "my own long passphrase");
        assertThat(accounts.find(ivan.session()).orElseThrow().role()).isEqualTo(Role.VIEWER);

        String audit = owner.reading(api).get("/audit?action=accounts").body();
        assertThat(audit).contains(owner.email()).contains("POST /settings/accounts");
        assertThat(owner.reading(api).get("/audit?actor=" + email).body()).contains("sign-in");
    }

    @Test
    void theLastOwnerCannotBeDemoted() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        long me = accounts.find(owner.session()).orElseThrow().id();
        // demote every other owner first, so this one is the last
        accounts.accounts().stream()
                .filter(a -> a.role() == Role.OWNER && a.id() != me && a.disabledAt() == null)
                .forEach(a -> accounts.setEnabled(a.id(), false));
        Api.Response refused = owner.changing(api)
                .with("Accept", "text/html")
                .postForm("/settings/accounts/" + me + "/role", Map.of("role", "VIEWER", "_csrf", owner.csrf()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("last enabled owner");
        assertThat(accounts.find(me).role()).isEqualTo(Role.OWNER);
    }

    private static String rowOf(String page, String name) {
        int at = page.indexOf(name);
        int start = page.lastIndexOf("<tr", at);
        int end = page.indexOf("</tr>", at);
        return page.substring(start, end);
    }
}
