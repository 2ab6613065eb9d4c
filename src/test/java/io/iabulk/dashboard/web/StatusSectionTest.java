package io.iabulk.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.dashboard.web.StatusPageController.Notice;
import io.iabulk.dashboard.web.StatusPageController.Progress;
import io.iabulk.dashboard.web.StatusPageController.RewardProgress;
import io.iabulk.dashboard.web.StatusPageController.ShareLink;
import io.iabulk.dashboard.web.StatusPageController.StatusPage;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusSectionTest {

    private static final String HOSTILE = "<script>alert(1)</script>\"' onmouseover='x' &amp;";

    @Test
    void everyValueIsEscapedInTextAndAttributes() {
        StatusPage page = new StatusPage(
                HOSTILE,
                "slug",
                HOSTILE,
                true,
                HOSTILE,
                3,
                20,
                2,
                HOSTILE,
                List.of(new RewardProgress(HOSTILE, HOSTILE, true)),
                "https://example.test/c/x?ref=" + HOSTILE,
                "mailto:" + HOSTILE,
                "https://wa.me/?text=" + HOSTILE,
                List.of(new Notice(HOSTILE, HOSTILE, HOSTILE, HOSTILE)),
                new Progress(1, 3, HOSTILE),
                List.of(new ShareLink(HOSTILE, "https://x.com/?u=" + HOSTILE)),
                HOSTILE);

        String html = StatusSection.html(page);

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("\"' onmouseover")
                .doesNotContain("' onmouseover='x'")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onmouseover=&#39;x&#39; &amp;amp;");
        // every attribute value stays one quoted value: quotes come in pairs, none from the data
        assertThat(html.chars().filter(c -> c == '"').count() % 2).isZero();
        assertThat(html).doesNotContain("'");
    }

    @Test
    void showsTheStandingAsThePageDid() {
        StatusPage page = new StatusPage(
                "Spring",
                "spring",
                "Alice W.",
                false,
                null,
                0,
                0,
                0,
                null,
                List.of(),
                "https://e.test/c/spring?ref=abc",
                "mailto:",
                "https://wa.me/",
                List.of(),
                null,
                List.of(),
                "Join me");

        String markup = StatusSection.html(page).replaceAll("\\s+", " ");

        assertThat(markup)
                .contains("Signed up as <strong>Alice W.</strong>")
                .contains("<dt>Status</dt> <dd>Pending confirmation</dd>")
                .contains("<dt>Rank</dt> <dd>None yet</dd>")
                .contains(
                        "<input id=\"referral-link\" type=\"text\" readonly value=\"https://e.test/c/spring?ref=abc\">")
                .doesNotContain("Your referrals")
                .doesNotContain("role=\"status\">null");
    }

    @Test
    void escapeLeavesPlainTextAloneAndReplacesTheFiveSpecialCharacters() {
        assertThat(StatusSection.escape("Zoë 100%")).isEqualTo("Zoë 100%");
        assertThat(StatusSection.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assertThat(StatusSection.escape(null)).isEmpty();
    }
}
