package io.iabulk;

import static io.iabulk.support.ContestTestData.activeContest;
import static io.iabulk.support.ContestTestData.contestWithoutConfirmation;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.support.RawHttp;
import io.iabulk.support.TestMail;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A corpus of hostile requests against every endpoint group, as an attacker or a broken client
 * sends them: malformed and deeply nested JSON, wrong types and content types, huge numbers and
 * strings, NUL, bidi and zero-width characters, SQL and template injection, markup that later
 * renders in a page or an email, CR/LF aimed at mail headers, forged and truncated tokens, path
 * spellings. For every request: never a 5xx; an error is problem+json (an HTML page for the
 * participant pages); a refused request changed nothing in the database. Afterwards the service
 * is still healthy, no sent message carries an injected header, and markup is escaped where it
 * renders.
 */
class HostileInputTest extends HttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final String DOMAIN = "hostile.test";
    private static final String PLACEHOLDER = "__hostile__";

    /** Values (as JSON) that no field should turn into a failure, whatever type it expects. */
    private static final List<String> HOSTILE_VALUES = List.of(
            "\"nul\\u0000byte\"",
            "\"line\\r\\nBcc: evil@" + DOMAIN + "\"",
            "\"" + "x".repeat(100_000) + "\"",
            "\"\\u202egnp.exe\\u200b\\u200d\\ufeff\"",
            "\"' OR 1=1; DROP TABLE contacts; --\"",
            "\"{{#each this}}{{@key}}{{/each}}{{> nope}}{{log 'x' level='error'}}\"",
            "\"<script>alert(1)</script><img src=x onerror=alert(2)>\"",
            "\"\\ud800\"",
            "\"+300000-01-01T00:00:00Z\"",
            "123456789",
            "1e400",
            "18446744073709551616",
            "-9223372036854775809",
            "-1",
            "true",
            "null",
            "[[[]]]",
            "{\"$where\":\"1\"}");

    /** Bodies that are not what any JSON endpoint takes. */
    private static final List<byte[]> MALFORMED_BODIES = List.of(
            bytes("{"),
            bytes("[1,"),
            bytes("{\"a\":1,}"),
            bytes("\"just a string\""),
            bytes("null"),
            bytes(""),
            bytes("[".repeat(10_000) + "]".repeat(10_000)),
            bytes("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)),
            new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
            bytes("{\"name\":\"" + "x".repeat(1_100_000) + "\"}"));

    @Autowired
    JdbcClient jdbc;

    private long contest;
    private String referralCode;
    private long contact;
    private long template;
    private long segment;
    private long campaign;
    private final List<String> failures = new ArrayList<>();
    private int requests;

    @BeforeEach
    void targets() {
        contest = activeContest(admin, contestWithoutConfirmation());
        referralCode = api.post(
                        "/api/v1/contests/" + contest + "/signups",
                        ContestTestData.signup("referrer-" + ContestTestData.unique() + "@" + DOMAIN))
                .json()
                .get("referralCode")
                .asString();
        contact = admin.post(
                        "/api/v1/contacts",
                        Map.of("email", "target-" + ContestTestData.unique() + "@" + DOMAIN, "firstName", "Tess"))
                .json()
                .get("id")
                .asLong();
        template = CampaignTestData.template(admin);
        String tag = "hostile" + ContestTestData.unique();
        CampaignTestData.taggedContacts(jdbc, tag, 1);
        segment = CampaignTestData.segment(admin, tag);
        campaign = CampaignTestData.campaign(admin, template, segment, Map.of());
    }

    @Test
    void hostileRequestsNeverFailTheServiceAndRefusedOnesWriteNothing() throws Exception {
        List<Endpoint> endpoints = jsonEndpoints();
        for (Endpoint endpoint : endpoints) {
            for (byte[] body : MALFORMED_BODIES) {
                check(endpoint.method(), endpoint.path(), "application/json", body, endpoint.admin(), true);
            }
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
                check(endpoint.method(), endpoint.path(), type, bytes("name=x&email=a"), endpoint.admin(), true);
            }
            check(endpoint.method(), endpoint.path(), null, bytes("{}"), endpoint.admin(), true);
            for (String field : endpoint.valid().keySet()) {
                for (String value : HOSTILE_VALUES) {
                    Map<String, Object> body = new LinkedHashMap<>(endpoint.valid());
                    body.put(field, PLACEHOLDER);
                    byte[] hostile = bytes(
                            new String(json(body), StandardCharsets.UTF_8).replace("\"" + PLACEHOLDER + "\"", value));
                    check(endpoint.method(), endpoint.path(), "application/json", hostile, endpoint.admin(), false);
                }
            }
        }
        for (String path : hostileQueries()) {
            check("GET", path, null, null, true, false);
        }
        for (String path : forgedTokens()) {
            check("GET", path, null, null, false, false);
        }
        check(
                "POST",
                "/u/AAAAAAAAAAAAAAAA",
                "application/x-www-form-urlencoded",
                bytes("List-Unsubscribe=One-Click"),
                false,
                true);
        check("POST", "/confirm/" + "A".repeat(40), "application/x-www-form-urlencoded", bytes(""), false, true);
        for (String path : List.of(
                "/api;x/v1/contacts",
                "/%61pi/v1/contacts",
                "//api/v1/contacts",
                "/API/v1/contacts",
                "/api/v1/contacts/",
                "/api/v1/x/../contacts",
                "/api/v1/contacts;a=b",
                "/api/v1/%2e%2e/v1/contacts",
                "/api%2Fv1/contacts",
                "/api/v1/contacts/%00",
                "/api/v1/contacts/%zz",
                "/api/v1/contacts?limit=%zz")) {
            check("GET", path, null, null, false, true);
        }
        for (String header : List.of(
                "Authorization: Bearer \u0001\u0002",
                "Authorization: Bearer " + "k".repeat(6_000),
                "Authorization: Basic YWRtaW46YWRtaW4=",
                "Authorization: bearer it-admin-keyX",
                "X-Forwarded-For: ' OR 1=1 --",
                "X-Forwarded-For: 999.999.999.999, ::ffff:zz",
                "X-Request-ID: " + "r".repeat(5_000),
                "Accept: application/xml",
                "Accept-Encoding: gzip;q=abc",
                "If-None-Match: \"" + "e".repeat(4_000) + "\"")) {
            RawHttp.Response response =
                    RawHttp.send(port, "GET", "/api/v1/contests/" + contest + "/leaderboard", header, null);
            record(
                    response.status(),
                    response.header("Content-Type"),
                    "GET leaderboard with " + abbreviate(header),
                    false);
        }

        assertThat(failures).as("out of %d hostile requests", requests).isEmpty();
        assertThat(requests).isGreaterThanOrEqualTo(250);
        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        assertThat(admin.get("/api/v1/contests/" + contest).status()).isEqualTo(200);
    }

    @Test
    void hostileCsvImportsEndWithRejectedLinesNotAFailure() throws Exception {
        String unique = ContestTestData.unique();
        List<byte[]> files = List.of(
                bytes("email,first_name\nnul-" + unique + "@" + DOMAIN + ",A\u0000B\n"),
                bytes("email,first_name\n=cmd|' /C calc'!A0,x\n+1@" + DOMAIN + ",@SUM(1)\n"),
                bytes("email,first_name\n\"unbalanced-" + unique + "@" + DOMAIN + ",x\n"),
                bytes("email,first_name\nlong-" + unique + "@" + DOMAIN + "," + "x".repeat(200_000) + "\n"),
                bytes("email," + "c,".repeat(5_000) + "last\nwide-" + unique + "@" + DOMAIN + "\n"),
                bytes("first_name\nno email column\n"),
                bytes(""),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3, '\n', (byte) 0x80, ','},
                bytes("email,first_name,time_zone,locale\ntz-" + unique + "@" + DOMAIN
                        + ",A,Mars/Olympus,zz-ZZZZZZZZZ\n"),
                bytes("email,first_name\ncrlf-" + unique + "@" + DOMAIN + ",\"Eve\r\nBcc: x@y\"\n"));
        for (byte[] file : files) {
            String what = "import " + abbreviate(new String(file, StandardCharsets.UTF_8));
            Api.Response started = admin.send("POST", "/api/v1/contacts/imports", "text/csv", file);
            record(started.status(), started.header("Content-Type"), what, false);
            if (started.status() == 202) {
                String path =
                        "/api/v1/contacts/imports/" + started.json().get("id").asLong();
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> !"RUNNING"
                                .equals(admin.get(path).json().get("status").asString()));
                Api.Response done = admin.get(path);
                Api.Response rejected = admin.get(path + "/rejected");
                record(done.status(), done.header("Content-Type"), what + " (status)", false);
                record(rejected.status(), rejected.header("Content-Type"), what + " (rejected lines)", false);
                String error = done.json().path("error").asString("");
                if (error.toLowerCase(java.util.Locale.ROOT).contains("went wrong")
                        || error.toLowerCase(java.util.Locale.ROOT).contains("exception")) {
                    failures.add(what + " ended with an internal error: " + error);
                }
            }
        }

        assertThat(failures).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE first_name LIKE '%' || chr(13) || '%'")
                        .query(Long.class)
                        .single())
                .as("no stored name holds a CR")
                .isZero();
    }

    @Test
    void markupFromParticipantsIsEscapedWhereItRenders() {
        String script = "<script>alert(1)</script>";
        String code = api.post(
                        "/api/v1/contests/" + contest + "/signups",
                        Map.of(
                                "email",
                                "xss-" + ContestTestData.unique() + "@" + DOMAIN,
                                "firstName",
                                script,
                                "lastName",
                                "<img src=x onerror=alert(2)>"))
                .json()
                .get("referralCode")
                .asString();

        String statusPage = Api.at(port).get("/p/" + code).body();
        String leaderboard =
                api.get("/api/v1/contests/" + contest + "/leaderboard").body();
        String preview = admin.post(
                        "/api/v1/templates/" + template + "/preview",
                        Map.of(
                                "contactId",
                                admin.post(
                                                "/api/v1/contacts",
                                                Map.of(
                                                        "email",
                                                        "xss-contact-" + ContestTestData.unique() + "@" + DOMAIN,
                                                        "firstName",
                                                        script))
                                        .json()
                                        .get("id")
                                        .asLong()))
                .body();

        assertThat(statusPage).doesNotContain(script).doesNotContain("onerror=alert");
        // subject and text are not HTML: only the HTML part must escape
        String html = JSON.readTree(preview).get("html").asString();
        assertThat(html).doesNotContain(script).contains("&lt;script&gt;");
    }

    @Test
    void crlfNeverBecomesAMailHeader() throws Exception {
        String evil = "evil-" + ContestTestData.unique() + "@" + DOMAIN;
        String victim = "victim-" + ContestTestData.unique() + "@" + DOMAIN;
        String injection = "\r\nBcc: " + evil + "\r\nX-Injected: yes";

        List<Api.Response> refused = List.of(
                admin.post("/api/v1/messages", Map.of("templateId", template, "email", victim + injection)),
                admin.post(
                        "/api/v1/messages",
                        Map.of("templateId", template, "email", victim, "from", "a@b.test" + injection)),
                admin.post(
                        "/api/v1/messages",
                        Map.of("templateId", template, "email", victim, "replyTo", "a@b.test" + injection)),
                admin.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "Injected",
                                "templateId",
                                template,
                                "audience",
                                Map.of("segmentId", segment),
                                "from",
                                "news@b.test" + injection)),
                admin.post(
                        "/api/v1/campaigns",
                        Map.of(
                                "name",
                                "Injected",
                                "templateId",
                                template,
                                "audience",
                                Map.of("segmentId", segment),
                                "from",
                                "news@b.test",
                                "subjectVariants",
                                List.of("Hi" + injection))),
                admin.post(
                        "/api/v1/templates",
                        Map.of("name", "Injected", "subject", "Hi" + injection, "html", "<p>x</p>")));
        for (Api.Response response : refused) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }

        // a name that reaches the subject through a template: either refused, or sent without a header of its own
        Api.Response contactWithCrlf =
                admin.post("/api/v1/contacts", Map.of("email", victim, "firstName", "Eve" + injection));
        assertThat(contactWithCrlf.status()).isIn(200, 201, 400);
        Api.Response sent = admin.post("/api/v1/messages", Map.of("templateId", template, "email", victim));
        assertThat(sent.status()).isEqualTo(202);

        MimeMessage message =
                TestMail.awaitFor(victim, 1, Duration.ofSeconds(30)).getFirst();
        assertThat(message.getHeader("X-Injected")).isNull();
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).doesNotContain("\r").doesNotContain("\n");
        for (Address recipient : message.getAllRecipients()) {
            assertThat(recipient.toString()).doesNotContain(evil);
        }
        assertThat(TestMail.all())
                .as("nothing was delivered to the injected address")
                .noneMatch(m -> recipients(m).contains(evil));
    }

    /** Sends one request, checks the answer and, when refusing was expected or happened, that nothing changed. */
    private void check(String method, String path, String contentType, byte[] body, boolean asAdmin, boolean mustRefuse)
            throws IOException {
        String before = snapshot();
        StringBuilder headers = new StringBuilder("X-Forwarded-For: 10.77." + (CLIENTS.incrementAndGet() % 250) + "."
                + (CLIENTS.get() / 250 % 250 + 1) + "\r\n");
        if (asAdmin) {
            headers.append("Authorization: Bearer ").append(Api.ADMIN_KEY).append("\r\n");
        }
        if (contentType != null) {
            headers.append("Content-Type: ").append(contentType).append("\r\n");
        }
        RawHttp.Response response = RawHttp.send(port, method, path, headers.toString(), body);
        String what = method + " " + abbreviate(path)
                + (body == null ? "" : " " + abbreviate(new String(body, StandardCharsets.UTF_8)));
        record(response.status(), response.header("Content-Type"), what, mustRefuse);
        if (response.status() >= 400 && !snapshot().equals(before)) {
            failures.add(what + " -> " + response.status() + " but the database changed");
        }
    }

    private void record(int status, String contentType, String what, boolean mustRefuse) {
        requests++;
        String type = contentType == null ? "" : contentType;
        if (status >= 500) {
            failures.add(what + " -> " + status);
        } else if (mustRefuse && status < 400) {
            failures.add(what + " -> " + status + " (expected a refusal)");
        } else if (status >= 400 && !type.startsWith("application/problem+json") && !type.startsWith("text/html")) {
            failures.add(what + " -> " + status + " with " + type);
        }
    }

    /** What a refused request must not change: the rows of every table a request may write. */
    private String snapshot() {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM contests) || '/' || (SELECT count(*) FROM contest_participants)
                    || '/' || (SELECT count(*) FROM referrals) || '/' || (SELECT count(*) FROM segments)
                    || '/' || (SELECT count(*) FROM templates) || '/' || (SELECT count(*) FROM campaigns)
                    || '/' || (SELECT count(*) FROM contacts WHERE email_normalized LIKE '%hostile.test')
                    || '/' || (SELECT count(*) FROM suppressions)
                    || '/' || (SELECT count(*) FROM analytics_events WHERE type LIKE 'hostile%')
                    || '/' || (SELECT c::text FROM contests c WHERE id = :contest)
                    || '/' || (SELECT c::text FROM contacts c WHERE id = :contact)
                    || '/' || (SELECT t::text FROM templates t WHERE id = :template)
                    || '/' || (SELECT c::text FROM campaigns c WHERE id = :campaign)
                """)
                .param("contest", contest)
                .param("contact", contact)
                .param("template", template)
                .param("campaign", campaign)
                .query(String.class)
                .single();
    }

    /** Every JSON endpoint, with a body it accepts, whose fields the corpus replaces one by one. */
    private List<Endpoint> jsonEndpoints() {
        String email = "new-" + ContestTestData.unique() + "@" + DOMAIN;
        return List.of(
                new Endpoint(
                        "POST",
                        "/api/v1/contests",
                        true,
                        Map.of(
                                "name",
                                "Hostile contest",
                                "slug",
                                "hostile-" + ContestTestData.unique(),
                                "startsAt",
                                "2030-01-01T00:00:00Z",
                                "endsAt",
                                "2030-02-01T00:00:00Z",
                                "pointsPerReferral",
                                5,
                                "milestones",
                                List.of(Map.of("referrals", 1, "reward", "Pin")))),
                new Endpoint(
                        "PATCH",
                        "/api/v1/contests/" + contest,
                        true,
                        Map.of("name", "Renamed", "endsAt", "2031-01-01T00:00:00Z")),
                new Endpoint(
                        "POST",
                        "/api/v1/contacts",
                        true,
                        Map.of(
                                "email",
                                email,
                                "firstName",
                                "Ann",
                                "lastName",
                                "Lee",
                                "timeZone",
                                "Europe/Paris",
                                "locale",
                                "fr",
                                "attributes",
                                Map.of("plan", "pro"))),
                new Endpoint(
                        "PATCH",
                        "/api/v1/contacts/" + contact,
                        true,
                        Map.of("firstName", "Tessa", "attributes", Map.of("plan", "free"))),
                new Endpoint(
                        "POST",
                        "/api/v1/segments",
                        true,
                        Map.of(
                                "name",
                                "Hostile segment",
                                "filter",
                                Map.of(
                                        "all",
                                        List.of(Map.of("field", "attributes.plan", "op", "eq", "value", "pro"))))),
                new Endpoint(
                        "POST",
                        "/api/v1/templates",
                        true,
                        Map.of("name", "Hostile template", "subject", "Hi {{firstName}}", "html", "<p>Hi</p>")),
                new Endpoint(
                        "PUT",
                        "/api/v1/templates/" + template,
                        true,
                        Map.of("name", "Renamed template", "subject", "Hello", "html", "<p>Hello</p>")),
                new Endpoint("POST", "/api/v1/templates/" + template + "/preview", true, Map.of("contactId", contact)),
                new Endpoint(
                        "POST",
                        "/api/v1/campaigns",
                        true,
                        Map.of(
                                "name",
                                "Hostile campaign",
                                "templateId",
                                template,
                                "audience",
                                Map.of("segmentId", segment),
                                "from",
                                "news@hostile.test",
                                "sendAt",
                                "2030-01-01T00:00:00Z",
                                "maxRatePerSecond",
                                10)),
                new Endpoint(
                        "POST",
                        "/api/v1/messages",
                        true,
                        Map.of("templateId", template, "contactId", contact, "context", Map.of("k", "v"))),
                new Endpoint(
                        "POST",
                        "/api/v1/conversions",
                        true,
                        Map.of("contactId", contact, "campaignId", campaign, "value", 9.99, "currency", "EUR")),
                new Endpoint(
                        "POST",
                        "/api/v1/events",
                        true,
                        Map.of(
                                "type",
                                "hostile.event",
                                "contactId",
                                contact,
                                "occurredAt",
                                "2026-12-01T00:00:00Z",
                                "properties",
                                Map.of("k", "v"))),
                new Endpoint(
                        "POST",
                        "/api/v1/contests/" + contest + "/signups",
                        false,
                        Map.of(
                                "email",
                                "signup-" + ContestTestData.unique() + "@" + DOMAIN,
                                "firstName",
                                "Sam",
                                "lastName",
                                "Lo",
                                "referralCode",
                                referralCode)),
                new Endpoint(
                        "POST",
                        "/api/v1/webhooks/sendgrid",
                        false,
                        Map.of(
                                "email",
                                "bounce@" + DOMAIN,
                                "event",
                                "bounce",
                                "send_id",
                                "1",
                                "timestamp",
                                1764122400)));
    }

    private List<String> hostileQueries() {
        List<String> paths = new ArrayList<>();
        List<String> reads = List.of(
                "/api/v1/contests",
                "/api/v1/contacts",
                "/api/v1/campaigns",
                "/api/v1/templates",
                "/api/v1/contests/" + contest + "/referrals",
                "/api/v1/contests/" + contest + "/winners",
                "/api/v1/contests/" + contest + "/analytics",
                "/api/v1/campaigns/" + campaign + "/performance",
                "/api/v1/analytics/timeseries");
        List<String> queries = List.of(
                "limit=-1",
                "limit=99999999999999999999",
                "limit=0",
                "cursor=%27%20OR%201%3D1",
                "cursor=" + "Z".repeat(3000),
                "status=BOGUS",
                "from=%2B300000-01-01T00:00:00Z",
                "to=-290000-01-01T00:00:00Z",
                "from=2026-12-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                "granularity=fortnight",
                "type=%00",
                "mode=weighted-draw&seed=abc",
                "contestId=-5&campaignId=1e9");
        for (String read : reads) {
            for (String query : queries) {
                paths.add(read + "?" + query);
            }
        }
        paths.add("/api/v1/contests/99999999999999999999");
        paths.add("/api/v1/contacts/-1");
        paths.add("/api/v1/segments/1e3/count");
        return paths;
    }

    private List<String> forgedTokens() {
        return List.of(
                "/t/o/AAAA",
                "/t/c/AAAA",
                "/t/o/" + "A".repeat(4000),
                "/t/c/..%2F..%2Fetc",
                "/t/c/%E2%80%AE",
                "/u/forged",
                "/u/" + "B".repeat(2000),
                "/confirm/forged",
                "/confirm/" + "C".repeat(2000),
                "/p/%3Cscript%3E",
                "/p/" + "D".repeat(2000),
                "/c/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "/c/launch?ref=%3Cscript%3E",
                "/api/v1/participants/%27%20OR%201=1--",
                "/api/v1/contests/18446744073709551616/leaderboard",
                "/api/v1/contests/" + contest + "/leaderboard?limit=1e3");
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            List<String> all = new ArrayList<>();
            for (Address address : message.getAllRecipients()) {
                all.add(address.toString());
            }
            return all;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(Object body) {
        return JSON.writeValueAsBytes(body);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…(" + oneLine.length() + ")" : oneLine;
    }

    private record Endpoint(String method, String path, boolean admin, Map<String, Object> valid) {}
}
