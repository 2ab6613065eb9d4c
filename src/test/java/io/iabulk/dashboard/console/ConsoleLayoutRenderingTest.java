package io.iabulk.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/** The console frame and components render, and keep to the CSP and the accessibility basics. */
class ConsoleLayoutRenderingTest {

    static final Instant NOW = Instant.parse("2026-12-07T13:05:00Z");

    enum Role {
        VIEWER,
        EDITOR,
        OWNER
    }

    /** Stands in for io.iabulk.platform.Operator: the layout only uses its accessors. */
    record Operator(long id, String email, String name, Role role, ZoneId timeZone) {}

    record Row(String name, String status, long sent, Instant started) {}

    private AnnotationConfigApplicationContext beans;
    private SpringTemplateEngine engine;

    @BeforeEach
    void setUp() {
        beans = new AnnotationConfigApplicationContext();
        beans.registerBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));
        beans.register(Formats.class, SortLinks.class);
        beans.refresh();
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    @AfterEach
    void tearDown() {
        RequestContextHolder.resetRequestAttributes();
        beans.close();
    }

    /** A web context for a GET of {@code uri}, as the servlet container would give it. */
    private static WebContext webContext(String uri) {
        var servletContext = new MockServletContext();
        var request = new MockHttpServletRequest(servletContext, "GET", uri);
        request.setParameter("sort", "name");
        request.setParameter("dir", "asc");
        request.setParameter("after", "42");
        request.setParameter("status", "RUNNING");
        var response = new MockHttpServletResponse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        var exchange =
                JakartaServletWebApplication.buildApplication(servletContext).buildExchange(request, response);
        return new WebContext(exchange);
    }

    private Document render(Role role, String flash) {
        var context = webContext("/campaigns");
        context.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(beans, DefaultConversionService.getSharedInstance()));
        context.setVariable("operator", new Operator(1, "ada@example.com", "Ada", role, ZoneId.of("Europe/Paris")));
        context.setVariable("csrf", "tok-123_abc");
        context.setVariable("flash", flash);
        context.setVariable("sort", "name");
        context.setVariable("dir", "asc");
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("name", "Enter a name");
        context.setVariable("errors", errors);
        context.setVariable(
                "rows",
                List.of(
                        new Row("Spring launch", "RUNNING", 12_340, NOW.minusSeconds(180)),
                        new Row("Winter news", "FINISHED", 1_234_567, NOW.minusSeconds(86_400 * 9))));
        var html = engine.process("console-sample/page", context);
        writePreview(role, html);
        return Jsoup.parse(html);
    }

    /** Kept for looking at the page in a browser (target/console-preview/); not part of the assertions. */
    private static void writePreview(Role role, String html) {
        try {
            var dir = Path.of("target", "console-preview");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(role.name().toLowerCase() + ".html"), html);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rendersTheFrameAroundThePage() {
        var page = render(Role.EDITOR, null);

        assertThat(page.title()).isEqualTo("Campaigns · IA Bulk");
        assertThat(page.select("a.skip-link").attr("href")).isEqualTo("#main");
        assertThat(page.select("#main main h1").text()).isEqualTo("Campaigns");
        assertThat(page.select(".operator-email").text()).isEqualTo("ada@example.com");
        assertThat(page.select(".operator .badge").text()).isEqualTo("Editor");
        assertThat(page.select("form[action=/logout] input[name=_csrf]").val()).isEqualTo("tok-123_abc");
        assertThat(page.body().attr("hx-headers")).isEqualTo("{\"X-CSRF-Token\": \"tok-123_abc\"}");
        assertThat(page.select("dialog#confirm-dialog")).hasSize(1);
        assertThat(page.select("#toasts[role=status][aria-live=polite]")).hasSize(1);
    }

    @Test
    void marksTheActivePageInBothNavigations() {
        var page = render(Role.EDITOR, null);

        assertThat(page.select("nav.sidebar a[aria-current=page]").text()).isEqualTo("Campaigns");
        assertThat(page.select("nav.mobile-nav-panel a[aria-current=page]").text())
                .isEqualTo("Campaigns");
        assertThat(page.select("nav.sidebar a.nav-link").eachAttr("href"))
                .containsExactly(
                        "/",
                        "/contests",
                        "/contacts",
                        "/segments",
                        "/templates",
                        "/campaigns",
                        "/analytics",
                        "/models",
                        "/settings",
                        "/audit");
    }

    @Test
    void showsKeysAndAccountsToOwnersOnly() {
        assertThat(render(Role.OWNER, null).select("nav.sidebar a.nav-link").eachText())
                .contains("API keys", "Accounts", "Audit log");
        assertThat(render(Role.VIEWER, null).select("nav.sidebar a.nav-link").eachText())
                .doesNotContain("API keys", "Accounts")
                .contains("Audit log");
    }

    @Test
    void keepsToTheContentSecurityPolicy() {
        var page = render(Role.OWNER, "Saved.");

        assertThat(page.select("[style]")).isEmpty();
        assertThat(page.select("style")).isEmpty();
        assertThat(page.select("script:not([src])")).isEmpty();
        assertThat(page.select("script[src]").eachAttr("defer")).hasSize(3);
        assertThat(page.getAllElements().stream()
                        .flatMap(e -> e.attributes().asList().stream())
                        .filter(a -> a.getKey().startsWith("on")))
                .isEmpty();
        assertThat(page.select("meta[name=htmx-config]").attr("content"))
                .contains("\"includeIndicatorStyles\":false", "\"allowEval\":false");
    }

    @Test
    void rendersTheComponents() {
        var page = render(Role.OWNER, "Campaign started.");

        assertThat(page.select(".toast.toast-success .toast-text").text()).isEqualTo("Campaign started.");
        assertThat(page.select(".stat .stat-value").eachText()).containsExactly("1.2M", "34.5 %", "8,421", "2");
        assertThat(page.select(".stat-delta-down").text()).isEqualTo("-3.1 %");
        assertThat(page.select("th[aria-sort]").attr("aria-sort")).isEqualTo("ascending");
        assertThat(page.select("th[aria-sort] a").attr("href")).isEqualTo("?status=RUNNING&sort=name&dir=desc");
        assertThat(page.select(".badge-running").eachText()).containsOnly("Running");
        assertThat(page.select("time[data-relative]").first().text()).isEqualTo("3 min ago");
        assertThat(page.select("time[data-relative]").first().attr("title")).isEqualTo("7 Dec 2026, 14:02 CET");
        assertThat(page.select("time[data-relative]").get(1).text()).isEqualTo("28 Nov 2026");
        assertThat(page.select(".pager a[rel=next]").attr("href")).isEqualTo("/campaigns?after=42");
        assertThat(page.select(".pager a[aria-disabled=true]").text()).isEqualTo("Previous");
        assertThat(page.select(".error-summary a").attr("href")).isEqualTo("#name");
        assertThat(page.select("#name-error").text()).isEqualTo("Enter a name");
        assertThat(page.select(".chart[role=img]").attr("aria-label")).startsWith("Sends per hour");
        assertThat(page.select(".chart").attr("data-chart")).startsWith("{\"type\":\"bar\"");
        assertThat(page.select("button[data-confirm-danger]").text()).isEqualTo("Cancel campaign");
        assertThat(page.select("button[data-confirm]:not([data-confirm-danger])")
                        .attr("data-confirm-action"))
                .isEqualTo("Pause");
        assertThat(page.select(".empty a.button-primary").attr("href")).isEqualTo("/contacts/import");
        assertThat(page.select("#page-actions a")).hasSize(2);
        assertThat(page.select("svg.icon use").eachAttr("href")).allMatch(h -> h.startsWith("/console/icons.svg#"));
    }

    @Test
    void rendersTheBareFrame() {
        var context = webContext("/login");
        context.setVariable("csrf", "tok");
        var page = Jsoup.parse(engine.process("console-sample/login", context));

        assertThat(page.title()).isEqualTo("Sign in · IA Bulk");
        assertThat(page.select(".bare-card main h1").text()).isEqualTo("Sign in");
        assertThat(page.select("nav")).isEmpty();
        assertThat(page.select("[style]")).isEmpty();
    }
}
