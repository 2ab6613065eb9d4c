package io.iabulk.platform;

/**
 * Which engines back the service, decided once at start: {@link #EMBEDDED} runs on an H2 file
 * database with in-process caches and the outbox mail transport, {@link #PRODUCTION} on
 * PostgreSQL (Redis and SMTP each optional).
 */
public enum RuntimeMode {
    EMBEDDED,
    PRODUCTION;

    /** The property holding the mode, set by the platform before the context starts. */
    public static final String PROPERTY = "iabulk.platform.mode";

    /** The property that is {@code true} when a Redis server is configured. */
    public static final String REDIS_PROPERTY = "iabulk.platform.redis-configured";
}
