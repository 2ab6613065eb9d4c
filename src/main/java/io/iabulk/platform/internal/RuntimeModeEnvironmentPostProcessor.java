package io.iabulk.platform.internal;

import io.iabulk.platform.RuntimeMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides the runtime mode once, before any bean exists: no datasource configured means embedded
 * (an H2 file database under the data directory); no Redis configured means the Redis
 * auto-configuration is left out and the in-process fallbacks are wired instead.
 */
public class RuntimeModeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /**
     * H2 in PostgreSQL mode. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would otherwise close
     * the database while Spring's is still stopping the service (the last rollup counts and the
     * event registry were lost); it now closes with the connection pool, last.
     */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    private static final Set<String> REDIS_AUTO_CONFIGURATIONS = Set.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

    static final String FLYWAY_DATABASE_LOG_LEVEL = "logging.level.org.flywaydb.core.internal.database.base.Database";

    /** The short environment variables the README documents, and the properties they set. */
    private static final Map<String, String> ALIASES = Map.of(
            "IABULK_ADMIN_API_KEY", "iabulk.platform.admin-api-key",
            "IABULK_PUBLIC_URL", "iabulk.platform.public-url");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> decided = new LinkedHashMap<>();
        ALIASES.forEach((variable, property) -> {
            String value = environment.getProperty(variable);
            if (StringUtils.hasText(value) && !StringUtils.hasText(environment.getProperty(property))) {
                decided.put(property, value);
            }
        });
        String url = environment.getProperty("spring.datasource.url");
        boolean embedded = !StringUtils.hasText(url) || url.startsWith("jdbc:h2:");
        if (!StringUtils.hasText(url)) {
            Path dataDir = Path.of(environment.getProperty("iabulk.platform.data-dir", "./data"));
            decided.put(
                    "spring.datasource.url",
                    "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("iabulk") + H2_OPTIONS);
            decided.put("spring.datasource.username", "sa");
            decided.put("spring.datasource.password", "");
        }
        decided.put(RuntimeMode.PROPERTY, embedded ? RuntimeMode.EMBEDDED.name() : RuntimeMode.PRODUCTION.name());

        boolean redis = StringUtils.hasText(environment.getProperty("spring.data.redis.url"))
                || StringUtils.hasText(environment.getProperty("spring.data.redis.host"));
        decided.put(RuntimeMode.REDIS_PROPERTY, Boolean.toString(redis));
        if (!redis) {
            Set<String> excluded = new LinkedHashSet<>(
                    StringUtils.commaDelimitedListToSet(environment.getProperty("spring.autoconfigure.exclude", "")));
            excluded.addAll(REDIS_AUTO_CONFIGURATIONS);
            decided.put("spring.autoconfigure.exclude", String.join(",", excluded));
        }
        quietHarmlessWarnings(environment, embedded, decided);
        environment.getPropertySources().addFirst(new MapPropertySource("iabulkRuntimeMode", decided));
    }

    /**
     * Silences start-up warnings where they say nothing true about this service, and only there;
     * a setting of the same property by the operator always wins.
     *
     * <ul>
     *   <li>Flyway: "Using H2 2.x which is newer than the version Flyway has been verified with". In
     *       embedded mode H2 is the version the build pins and the whole test suite runs on. The
     *       same logger warns when a PostgreSQL server is newer than Flyway knows: production keeps
     *       it.
     *   <li>springdoc: "endpoint is enabled by default. To disable it in production ...". The API
     *       docs are on by intent and, in production, need the admin key (ADR 0014); enabling them
     *       explicitly is springdoc's way of saying so. When an operator makes them public in
     *       production ({@code iabulk.platform.api-docs-public}), the warning is true and stays.
     * </ul>
     */
    private static void quietHarmlessWarnings(
            ConfigurableEnvironment environment, boolean embedded, Map<String, Object> decided) {
        Map<String, String> quiet = new LinkedHashMap<>();
        if (embedded) {
            quiet.put(FLYWAY_DATABASE_LOG_LEVEL, "error");
        }
        boolean publicInProduction = !embedded
                && Boolean.TRUE.equals(environment.getProperty("iabulk.platform.api-docs-public", Boolean.class));
        if (!publicInProduction) {
            quiet.put("springdoc.api-docs.enabled", "true");
            quiet.put("springdoc.swagger-ui.enabled", "true");
        }
        quiet.forEach((property, value) -> {
            if (!environment.containsProperty(property)) {
                decided.put(property, value);
            }
        });
    }

    @Override
    public int getOrder() {
        // after the configuration files have been read, so their settings count
        return Ordered.LOWEST_PRECEDENCE;
    }
}
