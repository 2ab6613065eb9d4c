package io.iabulk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** A bean that exists only when a Redis server is configured ({@code SPRING_DATA_REDIS_URL}). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = RuntimeMode.REDIS_PROPERTY, havingValue = "true")
public @interface ConditionalOnRedis {}
