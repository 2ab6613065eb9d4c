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
        environment.getPropertySources().addFirst(new MapPropertySource("iabulkRuntimeMode", decided));
    }

    @Override
    public int getOrder() {
        // after the configuration files have been read, so their settings count
        return Ordered.LOWEST_PRECEDENCE;
    }
}
