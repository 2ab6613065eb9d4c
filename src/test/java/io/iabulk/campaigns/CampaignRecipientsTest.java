package io.iabulk.campaigns;

import static io.iabulk.support.CampaignTestData.campaign;
import static io.iabulk.support.CampaignTestData.segment;
import static io.iabulk.support.CampaignTestData.taggedContacts;
import static io.iabulk.support.CampaignTestData.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.ContestTestData;
import io.iabulk.support.HttpTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A campaign's per-recipient log: keyset pages, filters, the CSV export and bad input. */
class CampaignRecipientsTest extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void pagesFiltersAndExportsEveryRecipientWithItsVariantAndOutcome() {
        String tag = ContestTestData.unique();
        List<String> emails = taggedContacts(jdbc, tag, 7);
        jdbc.sql("UPDATE contacts SET status = 'UNSUBSCRIBED' WHERE email = :e")
                .param("e", emails.get(6))
                .update();
        long id = campaign(
                admin, template(admin), segment(admin, tag), Map.of("subjectVariants", List.of("Hi A", "Hi B")));
        admin.post("/api/v1/campaigns/" + id + "/start");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/api/v1/campaigns/" + id)
                        .json()
                        .get("status")
                        .asString()
                        .equals("FINISHED"));

        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Response page = admin.get(
                    "/api/v1/campaigns/" + id + "/recipients?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(all::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(all).as("the unsubscribed contact has no row").hasSize(6);
        assertThat(all.stream().map(n -> n.get("email").asString()).toList())
                .containsExactlyElementsOf(emails.subList(0, 6));
        long previous = 0;
        for (JsonNode item : all) {
            assertThat(item.get("contactId").asLong()).isGreaterThan(previous);
            previous = item.get("contactId").asLong();
            assertThat(item.get("status").asString()).isEqualTo("SENT");
            int variant = item.get("variant").asInt();
            assertThat(variant).isEqualTo((int) (previous % 2));
            assertThat(item.get("subject").asString()).isEqualTo(variant == 0 ? "Hi A" : "Hi B");
            assertThat(item.get("sentAt").isNull()).isFalse();
            assertThat(item.get("scheduledAt").isNull()).isTrue();
            assertThat(item.get("attempts").asInt()).isEqualTo(1);
            assertThat(item.get("lastError").isNull()).isTrue();
            assertThat(item.get("openedAt").isNull()).isTrue();
            assertThat(item.get("clickedAt").isNull()).isTrue();
        }

        long one = all.get(3).get("contactId").asLong();
        JsonNode byContact = admin.get("/api/v1/campaigns/" + id + "/recipients?contactId=" + one)
                .json()
                .get("items");
        assertThat(byContact).hasSize(1);
        assertThat(byContact.get(0).get("email").asString()).isEqualTo(emails.get(3));
        assertThat(admin.get("/api/v1/campaigns/" + id + "/recipients?status=sent")
                        .json()
                        .get("items"))
                .hasSize(6);
        assertThat(admin.get("/api/v1/campaigns/" + id + "/recipients?status=QUEUED")
                        .json()
                        .get("items"))
                .isEmpty();

        Api.Response csv = admin.get("/api/v1/campaigns/" + id + "/recipients.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0])
                .isEqualTo("contactId,email,status,variant,subject,scheduledAt,sentAt,attempts,lastError,openedAt,"
                        + "clickedAt");
        assertThat(lines).hasSize(7);
        assertThat(lines[1]).startsWith(all.get(0).get("contactId").asLong() + "," + emails.get(0) + ",SENT,");
    }

    @Test
    void refusesBadStatusLimitAndCursorAndAnswers404ForAnUnknownCampaign() {
        long id = campaign(admin, template(admin), segment(admin, ContestTestData.unique()), Map.of());
        for (String query : List.of("status=LOST", "limit=0", "limit=1001", "limit=x", "cursor=abc", "cursor=-1")) {
            Api.Response refused = admin.get("/api/v1/campaigns/" + id + "/recipients?" + query);
            assertThat(refused.status()).as(query + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(admin.get("/api/v1/campaigns/" + id + "/recipients.csv?status=LOST")
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/api/v1/campaigns/" + id + "/recipients").json().get("items"))
                .as("a draft has no recipients yet")
                .isEmpty();
        assertThat(admin.get("/api/v1/campaigns/999999999/recipients").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/campaigns/999999999/recipients.csv").status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/campaigns/" + id + "/recipients").status()).isEqualTo(401);
    }
}
