package io.iabulk.dashboard.console.segments;

import static io.iabulk.support.ContestTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.HttpTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SegmentPagesTest extends HttpTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    /** A form body from name/value pairs, in order (rows repeat names). */
    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&")
                    .append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static Api.Response post(Api client, String path, String body) {
        return client.send("POST", path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theBuilderCountsTheConditionsAsTheyChange() {
        String tag = "sg" + unique();
        CampaignTestData.taggedContacts(jdbc, tag, 3);
        jdbc.sql("UPDATE contacts SET first_name = 'Solo' WHERE email = :email")
                .param("email", tag + "-0@campaign.test")
                .update();
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);

        String batch = viewer.get("/segments/count?"
                        + form("match", "all", "row", "r1", "f.r1", "attributes.batch", "o.r1", "eq", "v.r1", tag))
                .body();
        String solo = viewer.get("/segments/count?"
                        + form(
                                "match",
                                "all",
                                "row",
                                "r1",
                                "f.r1",
                                "attributes.batch",
                                "o.r1",
                                "eq",
                                "v.r1",
                                tag,
                                "row",
                                "r2",
                                "f.r2",
                                "firstName",
                                "o.r2",
                                "eq",
                                "v.r2",
                                "solo"))
                .body();
        String bad = viewer.get("/segments/count?"
                        + form("match", "all", "row", "r1", "f.r1", "createdAt", "o.r1", "within", "v.r1", "soon"))
                .body();

        assertThat(batch).contains(">3<").contains("contacts match now");
        assertThat(solo).contains(">1<").contains("contact matches now");
        assertThat(bad).contains("Not counted yet").contains("Condition 1, value");
    }

    @Test
    void savesASegmentAsTheApiDoesAndListsIt() {
        String tag = "sv" + unique();
        CampaignTestData.taggedContacts(jdbc, tag, 2);
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);
        String name = "Pros " + tag;

        Api.Response saved = post(
                editor.changing(api),
                "/segments",
                form(
                        "name",
                        name,
                        "match",
                        "any",
                        "row",
                        "r1",
                        "f.r1",
                        "attributes.batch",
                        "o.r1",
                        "in",
                        "v.r1",
                        tag + ", " + tag + "-other",
                        "row",
                        "r2",
                        "f.r2",
                        "email",
                        "o.r2",
                        "domain",
                        "v.r2",
                        tag + ".example"));

        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        String location = saved.header("Location");
        assertThat(location).doesNotContain("jsessionid");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        var stored = admin.get("/api/v1/segments/" + id).json();
        assertThat(stored.get("name").asString()).isEqualTo(name);
        assertThat(stored.get("filter").toString())
                .isEqualTo("{\"any\":[{\"field\":\"attributes.batch\",\"op\":\"in\",\"value\":[\"" + tag
                        + "\",\"" + tag + "-other\"]},{\"field\":\"email\",\"op\":\"domain\",\"value\":\"" + tag
                        + ".example\"}]}");
        assertThat(admin.get("/api/v1/segments/" + id + "/count")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(2);
        Api reader = editor.reading(api);
        assertThat(reader.get("/segments").body()).contains(name).contains("/segments/" + id + "/count");
        assertThat(reader.get("/segments/" + id + "/count").body()).contains("2");
        assertThat(reader.get("/segments/" + id).body())
                .contains("value=\"" + tag + ", " + tag + "-other\"")
                .contains("Save changes");

        Api.Response renamed = post(
                editor.changing(api),
                "/segments/" + id,
                form(
                        "name",
                        name + " renamed",
                        "match",
                        "all",
                        "row",
                        "r9",
                        "f.r9",
                        "status",
                        "o.r9",
                        "eq",
                        "v.r9",
                        "ACTIVE"));
        assertThat(renamed.status()).isEqualTo(303);
        assertThat(admin.get("/api/v1/segments/" + id).json().get("name").asString())
                .isEqualTo(name + " renamed");
    }

    @Test
    void refusedSegmentsShowTheirErrorsAtTheControls() {
        ConsoleLogin editor = ConsoleLogin.as(Role.EDITOR, api, accounts);

        Api.Response refused = post(
                editor.changing(api),
                "/segments",
                form(
                        "name",
                        " ",
                        "match",
                        "all",
                        "row",
                        "r1",
                        "f.r1",
                        "contest.points",
                        "o.r1",
                        "gte",
                        "v.r1",
                        "lots"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body())
                .contains("There are")
                .contains("id=\"name-error\"")
                .contains("id=\"v-r1-error\"")
                .contains("Condition 1, value");
    }

    @Test
    void viewersReadSegmentsButCannotSaveThem() {
        ConsoleLogin viewer = ConsoleLogin.as(Role.VIEWER, api, accounts);
        Api.Response builder = viewer.reading(api).get("/segments/new");
        assertThat(builder.status()).isEqualTo(200);
        assertThat(builder.body()).contains("Add condition").doesNotContain("Save segment");
        assertThat(viewer.reading(api).get("/segments").status()).isEqualTo(200);

        Api.Response refused = post(
                viewer.changing(api),
                "/segments",
                form("name", "x", "match", "all", "row", "r1", "f.r1", "status", "o.r1", "eq", "v.r1", "ACTIVE"));

        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void aConditionRowFollowsItsFieldAndOperator() {
        Api viewer = ConsoleLogin.as(Role.VIEWER, api, accounts).reading(api);

        String date = viewer.get("/segments/condition?" + form("row", "ab12", "f.ab12", "createdAt", "o.ab12", "eq"))
                .body();
        String days = viewer.get(
                        "/segments/condition?" + form("row", "ab12", "f.ab12", "createdAt", "o.ab12", "within"))
                .body();
        String fresh = viewer.get("/segments/condition").body();
        String otherField = viewer.get("/segments/condition?"
                        + form(
                                "row",
                                "ab12",
                                "shown.ab12",
                                "status",
                                "f.ab12",
                                "firstName",
                                "o.ab12",
                                "in",
                                "v.ab12",
                                "ACTIVE"))
                .body();

        assertThat(date).contains("id=\"row-ab12\"").contains("type=\"date\"").contains("value=\"before\" selected");
        assertThat(days).contains("type=\"number\"").contains("Days");
        assertThat(fresh).contains("name=\"row\"").contains("autofocus").contains("hx-trigger=\"load\"");
        assertThat(otherField).contains("value=\"eq\" selected").doesNotContain("ACTIVE");
        assertThat(viewer.get("/segments/new").body())
                .contains("predictions.tier")
                .contains("Another attribute");
        assertThat(List.of(date, days)).allSatisfy(row -> assertThat(row).doesNotContain("autofocus"));
    }
}
