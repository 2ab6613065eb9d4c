package io.iabulk.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Builders for templates, contacts, segments, campaigns and sends: through the API where a test
 * goes the way an operator does, or straight into the tables where it only needs rows to render
 * from and to count.
 */
public final class CampaignTestData {

    private CampaignTestData() {}

    /** A template greeting by first name and naming the contact's {@code plan} attribute. */
    public static long template(Api admin) {
        Api.Response created = admin.post(
                "/api/v1/templates",
                Map.of(
                        "name", "Welcome " + ContestTestData.unique(),
                        "subject", "Hello {{default firstName \"there\"}}",
                        "html",
                                "<p>Hi {{default firstName \"there\"}}, your plan is {{attributes.plan}}.</p>"
                                        + "<p><a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></p>"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /**
     * Inserts {@code count} active contacts tagged {@code batch=<tag>} straight into the table (fast
     * for hundreds) and returns their addresses.
     */
    public static List<String> taggedContacts(JdbcClient jdbc, String tag, int count) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = tag + "-" + i + "@campaign.test";
            jdbc.sql("""
                    INSERT INTO contacts (email, email_normalized, first_name, status, attributes, created_at, updated_at)
                    VALUES (:email, :email, :first, 'ACTIVE', CAST(:attributes AS JSONB), CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP)
                    """)
                    .param("email", email)
                    .param("first", "Person" + i)
                    .param("attributes", "{\"batch\":\"" + tag + "\",\"plan\":\"pro\"}")
                    .update();
            emails.add(email);
        }
        return emails;
    }

    /** A segment of the contacts tagged {@code batch=<tag>}. */
    public static long segment(Api admin, String tag) {
        Api.Response created = admin.post(
                "/api/v1/segments",
                Map.of(
                        "name",
                        "Batch " + tag,
                        "filter",
                        Map.of("all", List.of(Map.of("field", "attributes.batch", "op", "eq", "value", tag)))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A draft campaign to a segment; {@code extra} adds or overrides fields. */
    public static long campaign(Api admin, long template, long segment, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Campaign " + ContestTestData.unique());
        body.put("templateId", template);
        body.put("audience", Map.of("segmentId", segment));
        body.put("from", "Launch team <news@iabulk.test>");
        body.putAll(extra);
        Api.Response created = admin.post("/api/v1/campaigns", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    /** A new contact and its send row in a campaign, accepted by the receiving server at {@code sentAt}. */
    public static long sentRow(JdbcClient jdbc, long campaignId, Instant sentAt) {
        long contact = jdbc.sql("""
                        INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                        VALUES (:email, :email, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
                        RETURNING id
                        """)
                .param("email", ContestTestData.email("sent"))
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        INSERT INTO email_sends (campaign_id, contact_id, status, next_attempt_at, created_at, sent_at)
                        VALUES (:campaign, :contact, 'SENT', :sent, :sent, :sent)
                        RETURNING id
                        """)
                .param("campaign", campaignId)
                .param("contact", contact)
                .param("sent", Timestamp.from(sentAt))
                .query(Long.class)
                .single();
    }

    /** The send of a contact (by address) in a campaign, once it is queued. */
    public static long sendOf(JdbcClient jdbc, long campaignId, String email) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> sendQuery(jdbc, campaignId, email).optional().isPresent());
        return sendQuery(jdbc, campaignId, email).single();
    }

    private static JdbcClient.MappedQuerySpec<Long> sendQuery(JdbcClient jdbc, long campaignId, String email) {
        return jdbc.sql("""
                        SELECT s.id FROM email_sends s JOIN contacts c ON c.id = s.contact_id
                        WHERE s.campaign_id = :campaign AND c.email = :email
                        """).param("campaign", campaignId).param("email", email).query(Long.class);
    }

    /** A contact row, written with SQL: {@code contactRow().names("Ada", null).insert(jdbc)}. */
    public static final class ContactRow {
        private String email = ContestTestData.email("contact");
        private String firstName = "Ada";
        private String lastName = "Lovelace";
        private String status = "ACTIVE";
        private String locale;
        private String timeZone;
        private String attributes = "{}";
        private Instant createdAt = Instant.now();

        private ContactRow() {}

        public ContactRow email(String value) {
            email = value;
            return this;
        }

        public ContactRow names(String first, String last) {
            firstName = first;
            lastName = last;
            return this;
        }

        public ContactRow status(String value) {
            status = value;
            return this;
        }

        public ContactRow locale(String value) {
            locale = value;
            return this;
        }

        public ContactRow timeZone(String value) {
            timeZone = value;
            return this;
        }

        public ContactRow attributes(String json) {
            attributes = json;
            return this;
        }

        public ContactRow createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public long insert(JdbcClient jdbc) {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO contacts (email, email_normalized, first_name, last_name, status, created_at,
                        updated_at, locale, time_zone, attributes)
                    VALUES (:email, :normalized, :first, :last, :status, :created, :created, :locale, :tz,
                        CAST(:attributes AS JSONB))
                    """)
                    .param("email", email)
                    .param("normalized", email.toLowerCase(Locale.ROOT))
                    .param("first", firstName)
                    .param("last", lastName)
                    .param("status", status)
                    .param("created", Timestamp.from(createdAt))
                    .param("locale", locale)
                    .param("tz", timeZone)
                    .param("attributes", attributes)
                    .update(key, "id");
            return key.getKey().longValue();
        }
    }

    public static ContactRow contactRow() {
        return new ContactRow();
    }

    /** A template request body. */
    public static Map<String, Object> templateBody(String subject, String html, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Template " + ContestTestData.unique());
        body.put("subject", subject);
        body.put("html", html);
        if (text != null) {
            body.put("text", text);
        }
        return body;
    }

    /** Inserts a campaign row (status DRAFT, audience ALL) straight into the table; returns its id. */
    public static long campaignRow(
            JdbcClient jdbc, long templateId, Long contextContestId, String from, String replyTo, String variants) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO campaigns (name, template_id, audience_kind, audience_id, context_contest_id,
                    from_address, reply_to, subject_variants, status, created_at, updated_at)
                VALUES (:name, :template, 'ALL', NULL, :contest, :from, :replyTo, :variants, 'DRAFT', :now, :now)
                """)
                .param("name", "Campaign " + ContestTestData.unique())
                .param("template", templateId)
                .param("contest", contextContestId)
                .param("from", from)
                .param("replyTo", replyTo)
                .param("variants", variants)
                .param("now", now)
                .update(key, "id");
        return key.getKey().longValue();
    }
}
