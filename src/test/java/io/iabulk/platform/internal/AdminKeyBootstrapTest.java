package io.iabulk.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import io.iabulk.platform.RuntimeMode;
import io.iabulk.platform.StartBanner;
import io.iabulk.support.H2Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

/** The admin key is shown once on a laptop's console, and never generated or shown in production. */
@ExtendWith(OutputCaptureExtension.class)
class AdminKeyBootstrapTest {

    private final JdbcClient jdbc = JdbcClient.create(H2Databases.migrated());
    private final ApiKeys keys = new ApiKeys(jdbc, Clock.systemUTC());

    @Test
    void productionModeWithoutAKeyGeneratesNoneAndPrintsOnlyHowToSetOne(CapturedOutput output) {
        bootstrap(RuntimeMode.PRODUCTION, null).onReady();

        assertThat(storedKeys()).isZero();
        assertThat(output.getAll()).doesNotContain("iab_").contains("Set IABULK_ADMIN_API_KEY");
    }

    @Test
    void embeddedModePrintsTheGeneratedKeyOnceToTheConsoleNotTheLog(CapturedOutput output) {
        bootstrap(RuntimeMode.EMBEDDED, null).onReady();
        bootstrap(RuntimeMode.EMBEDDED, null).onReady();

        assertThat(storedKeys()).isOne();
        String key = output.getOut().replaceAll("(?s).*Admin API key: (iab_[A-Za-z0-9_-]+).*", "$1");
        assertThat(key).startsWith("iab_");
        assertThat(keys.isValid(key)).isTrue();
        assertThat(output.getAll().split(key, -1)).as("printed exactly once").hasSize(2);
        // a console line, not a log event (log lines carry the logger's name)
        assertThat(output.getOut().lines().filter(l -> l.contains(key)))
                .noneMatch(l -> l.contains("AdminKeyBootstrap"));
    }

    @Test
    void aConfiguredKeyIsAcceptedAndNeverPrinted(CapturedOutput output) {
        bootstrap(RuntimeMode.PRODUCTION, "a-long-configured-secret-key").onReady();

        assertThat(keys.isValid("a-long-configured-secret-key")).isTrue();
        assertThat(output.getAll()).doesNotContain("a-long-configured-secret-key");
    }

    @Test
    void theBannerStandsOutAndCarriesTheLinesOfOtherModules(CapturedOutput output) {
        StartBanner demo = () -> List.of(new StartBanner.Line("Demo contest", "http://localhost:8080/c/launch"));

        bootstrap(RuntimeMode.EMBEDDED, null, demo).onReady();

        String out = output.getOut();
        String rule = "  " + "=".repeat(76) + "\n";
        assertThat(out).contains("\n\n" + rule + "    IA Bulk is running (embedded mode)\n\n");
        assertThat(out)
                .containsSubsequence(
                        "    URL:           http://localhost:8080\n",
                        "    API docs:      http://localhost:8080/swagger-ui.html\n",
                        "    Demo contest:  http://localhost:8080/c/launch\n",
                        "    Admin API key: iab_",
                        "                   (shown once: keep it; send it as 'Authorization: Bearer <key>')\n",
                        rule);
    }

    @Test
    void aLongLabelDoesNotMoveTheKeyLine(CapturedOutput output) {
        StartBanner wide = () -> List.of(new StartBanner.Line("A rather long label", "value"));

        bootstrap(RuntimeMode.EMBEDDED, null, wide).onReady();

        assertThat(output.getOut()).contains("    A rather long label: value\n").containsPattern("Admin API key: iab_");
    }

    @Test
    void theBannerComesAfterTheOtherStartUpListeners() throws NoSuchMethodException {
        Order order = AdminKeyBootstrap.class.getDeclaredMethod("onReady").getAnnotation(Order.class);

        assertThat(order.value()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
    }

    private AdminKeyBootstrap bootstrap(RuntimeMode mode, String configuredKey, StartBanner... banners) {
        PlatformProperties properties = new PlatformProperties(
                mode,
                null,
                configuredKey,
                Path.of("data"),
                false,
                null,
                DataSize.ofMegabytes(1),
                List.of(),
                new PlatformProperties.RateLimit(true, 1000, Map.of()),
                new PlatformProperties.Redis("x:"));
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < banners.length; i++) {
            beans.addBean("banner" + i, banners[i]);
        }
        return new AdminKeyBootstrap(
                keys, properties, new PublicUrls(properties), beans.getBeanProvider(StartBanner.class));
    }

    private long storedKeys() {
        return jdbc.sql("SELECT count(*) FROM api_keys").query(Long.class).single();
    }
}
