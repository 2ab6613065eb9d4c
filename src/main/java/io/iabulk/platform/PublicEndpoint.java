package io.iabulk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler (method or whole controller) as public: it needs no admin API key and is
 * rate-limited per client IP instead. Every handler that is not marked public requires {@code
 * Authorization: Bearer <admin key>}, whatever address reached it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {

    /**
     * The rate-limit group of the endpoint; its limit is {@code
     * iabulk.platform.rate-limit.endpoints.<group>}, or the default limit when not configured.
     */
    String value() default "default";
}
