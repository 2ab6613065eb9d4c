package io.iabulk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler (method or whole controller) of the operator console. Unless it is also a
 * {@link PublicEndpoint} (the sign-in pages), it needs a signed-in operator: a browser without a
 * session is sent to the sign-in page (an htmx request gets 401 with {@code HX-Redirect}). Its views
 * get the model attributes {@code operator} (the {@link Operator}) and {@code csrf} (the token that
 * every form and htmx request must send back), and its answers the console's browser protections:
 * scripts and styles from the service itself only, no framing, no referrer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ConsolePage {}
