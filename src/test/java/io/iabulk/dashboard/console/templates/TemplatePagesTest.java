package io.iabulk.dashboard.console.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The console's template pages over HTTP: list, editor, save, live preview, roles. */
class TemplatePagesTest extends HttpTest {

    private static final Pattern PREVIEW_DOCUMENT = Pattern.compile("src=\"(/templates/preview/[0-9a-f]+)\"");

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsTemplatesAndOpensTheEditorWithTheVariables() {
        long id = CampaignTestData.template(admin);
        String attribute = "plan" + ContestTestData.unique().replaceAll("\\W", "");
        CampaignTestData.contactRow()
                .attributes("{\"" + attribute + "\":\"pro\"}")
                .insert(jdbc);
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);

        Api.Response list = viewer.reading(api).get("/templates");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("href=\"/templates/" + id + "\"").doesNotContain("New template");

        Api.Response editor = viewer.reading(api).get("/templates/" + id);
        assertThat(editor.status()).isEqualTo(200);
        assertThat(editor.body())
                .contains("{{firstName}}", "{{unsubscribeUrl}}", "{{predictions.tier}}", "{{referralUrl}}")
                .contains("{{attributes." + attribute + "}}")
                .contains("<label class=\"label\" for=\"html\">HTML part</label>")
                .doesNotContain("Save template");
    }

    @Test
    void aViewerCannotWriteATemplate() {
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);

        assertThat(viewer.reading(api).get("/templates/new").status()).isEqualTo(403);
        assertThat(viewer.changing(api)
                        .postForm("/templates", form("Hello", "<p>Hi</p>"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void savesATemplateAsTheApiDoesAndRedirectsToIt() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        Map<String, String> fields =
                form("Hello {{firstName}}", "<p>Hi</p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>");

        Api.Response saved = editor.changing(api).postForm("/templates", fields);

        assertThat(saved.status()).isEqualTo(303);
        String location = saved.header("Location");
        assertThat(location).matches(".*/templates/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(admin.get("/api/v1/templates/" + id).json().get("subject").asString())
                .isEqualTo("Hello {{firstName}}");

        Map<String, String> changed = new LinkedHashMap<>(fields);
        changed.put("subject", "Welcome {{firstName}}");
        assertThat(editor.changing(api).postForm("/templates/" + id, changed).status())
                .isEqualTo(303);
        assertThat(admin.get("/api/v1/templates/" + id).json().get("version").asInt())
                .isEqualTo(2);
    }

    @Test
    void aTemplateWithASyntaxErrorIsNotSavedAndTheErrorNamesItsLine() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        Api.Response refused = editor.changing(api)
                .postForm("/templates", form("Hello", "<p>Hi</p>\n<p>{{#if firstName}}there</p>\n<p>end</p>"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("HTML, line ")
                .containsPattern("data-field=\"html\"\\s+data-line=\"\\d+\"")
                .contains("aria-invalid=\"true\"");
    }

    @Test
    void theLivePreviewShowsASyntaxErrorAtItsLine() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        Api.Response preview = editor.changing(api)
                .with("HX-Request", "true")
                .postForm("/templates/preview", form("Hello", "<p>one</p>\n<p>two</p>\n<p>{{firstName}</p>"));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("HTML, line 3:").contains("data-line=\"3\"");
    }

    @Test
    void theLivePreviewRendersForAContactWithItsWarnings() {
        String email = ContestTestData.email("preview");
        CampaignTestData.contactRow().email(email).names("Grace", "Hopper").insert(jdbc);
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        Map<String, String> fields = form("Hi {{firstName}}", "<p>Dear {{firstName}} of {{attributes.company}}</p>");
        fields.put("text", "Dear {{firstName}}");
        fields.put("previewEmail", email);

        Api.Response preview = editor.changing(api).with("HX-Request", "true").postForm("/templates/preview", fields);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body())
                .contains("Rendered for <span>" + email + "</span>")
                .contains("Hi Grace")
                .contains("Dear Grace")
                .contains("No visible unsubscribe link")
                .contains("attributes.company");
        Matcher document = PREVIEW_DOCUMENT.matcher(preview.body());
        assertThat(document.find()).isTrue();
        Api.Response html = editor.reading(api).get(document.group(1));
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("Dear Grace");
        assertThat(html.header("Content-Security-Policy"))
                .contains("default-src 'none'")
                .doesNotContain("script-src");

        ConsoleLogin other = ConsoleLogin.as(Role.EDITOR, api, accounts);
        assertThat(other.reading(api).get(document.group(1)).status()).isEqualTo(404);
    }

    @Test
    void aViewerPreviewsTheStoredTemplate() {
        long id = CampaignTestData.template(admin);
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);

        Api.Response preview = viewer.reading(api).with("HX-Request", "true").get("/templates/" + id + "/preview");

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("Hello Ada").contains("a sample contact");
    }

    private static Map<String, String> form(String subject, String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Console " + ContestTestData.unique());
        fields.put("subject", subject);
        fields.put("html", html);
        return fields;
    }
}
