package io.iabulk.campaigns.rendering;

import io.iabulk.campaigns.RenderedMessage;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.templates.DataMarks;
import io.iabulk.campaigns.templates.HtmlToText;
import io.iabulk.campaigns.templates.JsoupHtmlToText;
import io.iabulk.campaigns.templates.MarkedMessage;
import io.iabulk.campaigns.templates.TemplateFixtures;
import io.iabulk.platform.PublicUrls;
import io.iabulk.tracking.TrackingFixtures;
import io.iabulk.tracking.TrackingLinks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our hand-written HTML scans against jsoup's parser, per message, on the delivery benchmark's
 * template and two marketing templates (docs/decisions/0017): the text part derived from the HTML
 * ({@link HtmlToText} / {@link JsoupHtmlToText}) and the link rewriting of a campaign message
 * ({@link LinkRewriter} / {@link JsoupLinkRewriter}). The input is what the renderer hands them:
 * the rendered HTML with its data marks. Run with {@code bench/jmh/run.sh HtmlParsing -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HtmlParsingBenchmark {

    private static final long SEND = 123_456L;

    /** bench: bench/delivery/template.html (2.5 KB); newsletter (27 KB) and promo (50 KB): src/test/resources/html-bench. */
    @Param({"bench", "newsletter", "promo"})
    public String template;

    private MarkedMessage marked;
    private LinkRewriter ours;
    private LinkRewriter jsoup;
    private String unsubscribeUrl;
    private LinkRewriter.Own own;

    @Setup
    public void render() throws IOException {
        PublicUrls urls = TrackingFixtures.urls("https://bulk.example.com");
        TrackingLinks links = TrackingFixtures.links(urls, "benchmark-secret-benchmark-secret");
        ours = new LinkRewriter(links, urls);
        jsoup = new JsoupLinkRewriter(links, urls);
        unsubscribeUrl = links.unsubscribeUrl(SEND);
        own = new LinkRewriter.Own(urls.of("/t/"), urls.of("/u/"), unsubscribeUrl);
        Template source = new Template(
                -1,
                template,
                "Your November update, {{default firstName \"there\"}}",
                html(template),
                null,
                1,
                Instant.EPOCH,
                Instant.EPOCH);
        Map<String, Object> model = Map.of(
                "firstName",
                "Ann",
                "email",
                "user1@example1.test",
                "attributes",
                Map.of("plan", "pro", "code", "BF-7Q2X"),
                "unsubscribeUrl",
                unsubscribeUrl);
        marked = TemplateFixtures.compiler().compiled(source).renderMarked(model, null);
    }

    static String html(String template) throws IOException {
        if (template.equals("bench")) {
            return Files.readString(Path.of("bench/delivery/template.html"));
        }
        try (InputStream in = HtmlParsingBenchmark.class.getResourceAsStream("/html-bench/" + template + ".html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The message as the benchmark's methods get it, for the parity checks. */
    MarkedMessage marked() {
        return marked;
    }

    @Benchmark
    public String textOurs() {
        return HtmlToText.convert(marked.html());
    }

    @Benchmark
    public String textJsoup() {
        return JsoupHtmlToText.convert(marked.html());
    }

    /** Only finding the links of the HTML part (no signing, no copy): the part a parser would replace. */
    @Benchmark
    public List<LinkRewriter.Link> findLinksOurs() {
        return ours.htmlLinks(DataMarks.split(marked.html()), own);
    }

    @Benchmark
    public List<LinkRewriter.Link> findLinksJsoup() {
        return jsoup.htmlLinks(DataMarks.split(marked.html()), own);
    }

    /** The whole rewrite: finding, signing every link, copying both parts, the open pixel. */
    @Benchmark
    public RenderedMessage linksOurs() {
        return ours.rewrite(marked, SEND, true, unsubscribeUrl);
    }

    @Benchmark
    public RenderedMessage linksJsoup() {
        return jsoup.rewrite(marked, SEND, true, unsubscribeUrl);
    }
}
