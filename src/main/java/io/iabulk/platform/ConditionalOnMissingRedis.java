package io.iabulk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The in-process fallback of a capability, used when no Redis server is configured. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = RuntimeMode.REDIS_PROPERTY, havingValue = "false", matchIfMissing = true)
public @interface ConditionalOnMissingRedis {}
