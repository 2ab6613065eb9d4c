package io.iabulk.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builders for templates, tagged contacts, segments and campaigns, through the API. */
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
        Map<String, Object> body = new java.util.LinkedHashMap<>();
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
}
