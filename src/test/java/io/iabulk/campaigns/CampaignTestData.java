package io.iabulk.campaigns;

import io.iabulk.support.ContestTestData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Test data of the campaigns module. Contacts and campaigns are written with SQL: their APIs are
 * built elsewhere, and these tests only need rows to render from and to count.
 */
final class CampaignTestData {

    private CampaignTestData() {}

    /** A contact row builder. */
    static final class ContactRow {
        String email = ContestTestData.email("contact");
        String firstName = "Ada";
        String lastName = "Lovelace";
        String status = "ACTIVE";
        String locale;
        String timeZone;
        String attributes = "{}";
        Instant createdAt = Instant.now();

        ContactRow email(String value) {
            email = value;
            return this;
        }

        ContactRow names(String first, String last) {
            firstName = first;
            lastName = last;
            return this;
        }

        ContactRow status(String value) {
            status = value;
            return this;
        }

        ContactRow locale(String value) {
            locale = value;
            return this;
        }

        ContactRow timeZone(String value) {
            timeZone = value;
            return this;
        }

        ContactRow attributes(String json) {
            attributes = json;
            return this;
        }

        ContactRow createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        long insert(JdbcClient jdbc) {
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

    static ContactRow contact() {
        return new ContactRow();
    }

    static Map<String, Object> template(String subject, String html, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Template " + ContestTestData.unique());
        body.put("subject", subject);
        body.put("html", html);
        if (text != null) {
            body.put("text", text);
        }
        return body;
    }

    /** Inserts a campaign row (status DRAFT) and returns its id. */
    static long campaign(
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
