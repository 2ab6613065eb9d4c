package io.iabulk.campaigns.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.RenderedMessage;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.templates.DataMarks;
import io.iabulk.campaigns.templates.MarkedMessage;
import io.iabulk.campaigns.templates.TemplateCompiler;
import io.iabulk.platform.PublicUrls;
import io.iabulk.support.IntegrationTest;
import io.iabulk.tracking.SignedClick;
import io.iabulk.tracking.TrackingLinks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Link rewriting of rendered messages: which links are tracked, how, and where the pixel goes. */
@IntegrationTest
class LinkRewriterTest {

    private static final long SEND = 4242L;

    @Autowired
    LinkRewriter rewriter;

    @Autowired
    TrackingLinks links;

    @Autowired
    PublicUrls urls;

    @Autowired
    TemplateCompiler compiler;

    @Test
    void rewritesEveryHttpLinkOfTheHtmlWithDecodedSignedUrlsIndexesAndTheCount() {
        String html = """
                <html><body>
                <a href="https://shop.example/p?a=1&amp;b=2&#x3D;3">Shop</a>
                <A HREF='http://news.example/one' class="x">One</A>
                <a title="a > b" href=https://plain.example/x>Unquoted</a>
                <map><area shape="rect" coords="0,0,1,1" href="https://area.example/"></map>
                <a href="  https://shop.example/p?a=1&amp;b=2&#x3D;3  ">Shop again</a>
                </body></html>""";

        RenderedMessage out = rewriter.rewrite(new MarkedMessage("S", html, null), SEND, true, unsubscribe());

        List<SignedClick> clicks = clicks(out.html());
        assertThat(clicks)
                .containsExactly(
                        new SignedClick(SEND, 0, 5, true, "https://shop.example/p?a=1&b=2=3"),
                        new SignedClick(SEND, 1, 5, true, "http://news.example/one"),
                        new SignedClick(SEND, 2, 5, true, "https://plain.example/x"),
                        new SignedClick(SEND, 3, 5, true, "https://area.example/"),
                        new SignedClick(SEND, 4, 5, true, "https://shop.example/p?a=1&b=2=3"));
        assertThat(out.html())
                .contains("<A href=\"" + urls.of("/t/c/"))
                .contains("class=\"x\">One</A>")
                .contains("<a title=\"a > b\" href=\"" + urls.of("/t/c/"))
                .doesNotContain("shop.example")
                .doesNotContain("news.example");
        assertThat(out.subject()).isEqualTo("S");
    }

    @Test
    void leavesOtherSchemesAnchorsTheUnsubscribeLinkTrackingLinksOptOutsCommentsAndLongUrlsAlone() {
        String tracked = links.clickUrl(1, 0, 1, true, "https://elsewhere.example/");
        String longUrl = "https://long.example/" + "x".repeat(TrackingLinks.MAX_URL_BYTES);
        String html = "<p><a href=\"mailto:help@example.com\">Mail</a> <a href=\"tel:+3212345678\">Call</a>"
                + " <a href=\"#top\">Top</a> <a href=\"/relative\">Rel</a> <a name=\"no-href\">N</a>"
                + " <a href=\"" + unsubscribe() + "\">Unsubscribe</a>"
                + " <a href=\"" + urls.of("/u/preview") + "\">Preview</a>"
                + " <a href=\"" + tracked + "\">Already</a>"
                + " <a data-iab-notrack href=\"https://private.example/\">Private</a>"
                + " <!-- <a href=\"https://commented.example/\">old</a> -->"
                + " <a href=\"" + longUrl + "\">Long</a>"
                + " <a href=\"javascript:alert(1)\">Js</a> <a href=\"https://counted.example/\">Counted</a></p>";

        RenderedMessage out = rewriter.rewrite(new MarkedMessage("S", html, null), SEND, true, unsubscribe());

        assertThat(clicks(out.html()))
                .as("the already tracked link stays as it was")
                .containsExactly(
                        new SignedClick(1, 0, 1, true, "https://elsewhere.example/"),
                        new SignedClick(SEND, 1, 2, true, "https://counted.example/"));
        assertThat(out.html())
                .as("everything but the counted link is untouched; the long one keeps index 0")
                .startsWith(html.substring(0, html.indexOf("<a href=\"https://counted.example/\">")));
    }

    @Test
    void addsTheOpenPixelBeforeTheLastBodyCloseOrAtTheEnd() {
        String pixel = "<img src=\"" + links.openUrl(SEND).replace("&", "&amp;")
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";

        String withBody = rewriter.rewrite(
                        new MarkedMessage("S", "<html><BODY><p>Hi</p></BODY>\n</html>", null),
                        SEND,
                        true,
                        unsubscribe())
                .html();
        String without = rewriter.rewrite(new MarkedMessage("S", "<p>Hi</p>", null), SEND, true, unsubscribe())
                .html();

        assertThat(withBody).isEqualTo("<html><BODY><p>Hi</p>" + pixel + "</BODY>\n</html>");
        assertThat(without).isEqualTo("<p>Hi</p>" + pixel);
    }

    @Test
    void theTextPartSharesTheIndexOfTheSameHtmlLinkAndNumbersItsOwnAfterThem() {
        String html = "<a href=\"https://a.example/\">A</a> <a href=\"https://b.example/?x=1&amp;y=2\">B</a>";
        String text = "A (https://a.example/)\nB (https://b.example/?x=1&y=2)\n"
                + "Only here: https://c.example/page. And (see https://wiki.example/A_(b)) again https://c.example/page\n"
                + "Unsubscribe: " + unsubscribe() + " mailto:x@example.com";

        RenderedMessage out = rewriter.rewrite(new MarkedMessage("S", html, text), SEND, false, unsubscribe());

        assertThat(clicks(out.html()))
                .containsExactly(
                        new SignedClick(SEND, 0, 4, false, "https://a.example/"),
                        new SignedClick(SEND, 1, 4, false, "https://b.example/?x=1&y=2"));
        assertThat(clicks(out.text()))
                .containsExactly(
                        new SignedClick(SEND, 0, 4, false, "https://a.example/"),
                        new SignedClick(SEND, 1, 4, false, "https://b.example/?x=1&y=2"),
                        new SignedClick(SEND, 2, 4, false, "https://c.example/page"),
                        new SignedClick(SEND, 3, 4, false, "https://wiki.example/A_(b)"),
                        new SignedClick(SEND, 2, 4, false, "https://c.example/page"));
        assertThat(out.text())
                .contains("A (" + urls.of("/t/c/"))
                .contains(". And (see " + urls.of("/t/c/"))
                .endsWith("Unsubscribe: " + unsubscribe() + " mailto:x@example.com");
        assertThat(out.text()).doesNotContain("<img");
    }

    @Test
    void theSwitchDecidesTheIabClickFlagOfEveryLink() {
        String html = "<a href=\"https://a.example/\">A</a>";

        assertThat(clicks(rewriter.rewrite(new MarkedMessage("S", html, "https://t.example/"), SEND, false, null)
                        .html()))
                .allSatisfy(click -> assertThat(click.appendClickToken()).isFalse());
        assertThat(clicks(rewriter.rewrite(new MarkedMessage("S", html, "https://t.example/"), SEND, true, null)
                        .text()))
                .allSatisfy(click -> assertThat(click.appendClickToken()).isTrue())
                .hasSize(1);
    }

    @Test
    void aUrlThatCameFromAContactIsNeverTrackedButTheAuthorsLinksAreWhateverTheyHold() {
        // negative ids: never a stored template's, so the compiler's cache cannot mix them up
        Template derived = new Template(
                -1,
                "t",
                "Hi {{firstName}}",
                "<p>Hi {{firstName}}</p>{{{attributes.bio}}}"
                        + "<p><a href=\"https://shop.example/?u={{firstName}}\">Shop</a>"
                        + " <a href=\"{{attributes.link}}\">Yours</a></p>",
                null,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        Map<String, Object> model = Map.of(
                "firstName",
                "https://evil.example/x",
                "attributes",
                Map.of(
                        "bio", "<a href=\"https://raw.example/\">raw</a> https://rawtext.example/",
                        "link", "https://link.example/"));

        RenderedMessage out =
                rewriter.rewrite(compiler.compiled(derived).renderMarked(model, null), SEND, true, unsubscribe());

        List<SignedClick> authors = List.of(
                new SignedClick(SEND, 0, 2, true, "https://shop.example/?u=https://evil.example/x"),
                new SignedClick(SEND, 1, 2, true, "https://link.example/"));
        assertThat(clicks(out.html())).isEqualTo(authors);
        assertThat(clicks(out.text()))
                .as("the derived text repeats the HTML's links only")
                .isEqualTo(authors);
        assertThat(out.html())
                .contains("<p>Hi https://evil.example/x</p><a href=\"https://raw.example/\">raw</a>")
                .doesNotContain(String.valueOf(DataMarks.START))
                .doesNotContain(String.valueOf(DataMarks.END));
        assertThat(out.text())
                .startsWith("Hi https://evil.example/x\n\nraw (https://raw.example/) https://rawtext.example/\n\n")
                .doesNotContain(String.valueOf(DataMarks.START))
                .doesNotContain(String.valueOf(DataMarks.END));

        Template withText = new Template(
                -2,
                "t",
                "S",
                "<p>Hi</p>",
                "Hi {{firstName}}, your page: https://site.example/p/{{attributes.code}} and {{attributes.site}}",
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        RenderedMessage text = rewriter.rewrite(
                compiler.compiled(withText)
                        .renderMarked(
                                Map.of(
                                        "firstName",
                                        "https://evil.example/x",
                                        "attributes",
                                        Map.of("code", "42", "site", "https://evil.example/y")),
                                null),
                SEND,
                true,
                unsubscribe());
        assertThat(clicks(text.text())).containsExactly(new SignedClick(SEND, 0, 1, true, "https://site.example/p/42"));
        assertThat(text.text())
                .startsWith("Hi https://evil.example/x, your page: ")
                .endsWith(" and https://evil.example/y");
    }

    @Test
    void linksThatEveryClientButOutlookShowsAreTracked() {
        // a "bulletproof" button: VML for Outlook, a link for every other client
        String html = "<p><!--[if mso]><v:roundrect href=\"https://shop.example/\"><center>Shop</center></v:roundrect>"
                + "<![endif]--><!--[if !mso]><!--><a href=\"https://shop.example/\">Shop</a><!--<![endif]-->"
                + " <!-- --> <a href=\"https://after.example/\">After</a></p>";

        RenderedMessage out = rewriter.rewrite(new MarkedMessage("S", html, null), SEND, true, unsubscribe());

        assertThat(clicks(out.html()))
                .containsExactly(
                        new SignedClick(SEND, 0, 2, true, "https://shop.example/"),
                        new SignedClick(SEND, 1, 2, true, "https://after.example/"));
    }

    private String unsubscribe() {
        return links.unsubscribeUrl(SEND);
    }

    /** The click tokens of a part, decoded, in order. */
    private List<SignedClick> clicks(String part) {
        Matcher m = Pattern.compile("/t/c/([A-Za-z0-9_-]+)").matcher(part);
        List<SignedClick> found = new ArrayList<>();
        while (m.find()) {
            found.add(links.click(m.group(1)).orElseThrow());
        }
        return found;
    }
}
