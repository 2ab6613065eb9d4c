package io.iabulk.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.RuntimeMode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class RuntimeModeEnvironmentPostProcessorTest {

    private final RuntimeModeEnvironmentPostProcessor processor = new RuntimeModeEnvironmentPostProcessor();

    private MockEnvironment process(MockEnvironment environment) {
        processor.postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void nothingConfiguredIsEmbeddedOnAnH2FileWithoutRedis() {
        MockEnvironment env = process(new MockEnvironment().withProperty("iabulk.platform.data-dir", "/tmp/x"));

        assertThat(env.getProperty(RuntimeMode.PROPERTY)).isEqualTo("EMBEDDED");
        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:/tmp/x/iabulk;MODE=PostgreSQL");
        assertThat(env.getProperty(RuntimeMode.REDIS_PROPERTY)).isEqualTo("false");
        assertThat(env.getProperty("spring.autoconfigure.exclude")).contains("DataRedisAutoConfiguration");
    }

    @Test
    void aPostgresUrlIsProductionAndRedisIsUsedWhenConfigured() {
        MockEnvironment env = process(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/iabulk")
                .withProperty("spring.data.redis.url", "redis://cache:6379")
                .withProperty("spring.autoconfigure.exclude", "x.Y"));

        assertThat(env.getProperty(RuntimeMode.PROPERTY)).isEqualTo("PRODUCTION");
        assertThat(env.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/iabulk");
        assertThat(env.getProperty(RuntimeMode.REDIS_PROPERTY)).isEqualTo("true");
        assertThat(env.getProperty("spring.autoconfigure.exclude")).isEqualTo("x.Y");
    }

    @Test
    void theShortVariablesOfTheReadmeSetTheirProperties() {
        MockEnvironment env = process(new MockEnvironment()
                .withProperty("IABULK_ADMIN_API_KEY", "secret")
                .withProperty("IABULK_PUBLIC_URL", "https://contest.example.com"));

        assertThat(env.getProperty("iabulk.platform.admin-api-key")).isEqualTo("secret");
        assertThat(env.getProperty("iabulk.platform.public-url")).isEqualTo("https://contest.example.com");
    }

    @Test
    void anExplicitPropertyWinsOverTheShortVariable() {
        MockEnvironment env = process(new MockEnvironment()
                .withProperty("IABULK_ADMIN_API_KEY", "short")
                .withProperty("iabulk.platform.admin-api-key", "explicit"));

        assertThat(env.getProperty("iabulk.platform.admin-api-key")).isEqualTo("explicit");
    }

    @Test
    void harmlessStartUpWarningsAreQuietOnlyWhereTheyAreHarmless() {
        MockEnvironment embedded = process(new MockEnvironment());
        MockEnvironment production =
                process(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/iabulk"));
        MockEnvironment publicDocs = process(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/iabulk")
                .withProperty("iabulk.platform.api-docs-public", "true"));

        assertThat(embedded.getProperty(RuntimeModeEnvironmentPostProcessor.FLYWAY_DATABASE_LOG_LEVEL))
                .as("H2 is the version the build pins")
                .isEqualTo("error");
        assertThat(production.getProperty(RuntimeModeEnvironmentPostProcessor.FLYWAY_DATABASE_LOG_LEVEL))
                .as("a PostgreSQL newer than Flyway knows is worth a warning")
                .isNull();
        for (MockEnvironment quiet : new MockEnvironment[] {embedded, production}) {
            assertThat(quiet.getProperty("springdoc.api-docs.enabled")).isEqualTo("true");
            assertThat(quiet.getProperty("springdoc.swagger-ui.enabled")).isEqualTo("true");
        }
        assertThat(publicDocs.getProperty("springdoc.api-docs.enabled"))
                .as("public API docs in production: springdoc's warning is true")
                .isNull();
    }

    @Test
    void anOperatorsSettingOfThoseWins() {
        MockEnvironment env = process(new MockEnvironment()
                .withProperty("springdoc.swagger-ui.enabled", "false")
                .withProperty(RuntimeModeEnvironmentPostProcessor.FLYWAY_DATABASE_LOG_LEVEL, "debug"));

        assertThat(env.getProperty("springdoc.swagger-ui.enabled")).isEqualTo("false");
        assertThat(env.getProperty(RuntimeModeEnvironmentPostProcessor.FLYWAY_DATABASE_LOG_LEVEL))
                .isEqualTo("debug");
    }
}
