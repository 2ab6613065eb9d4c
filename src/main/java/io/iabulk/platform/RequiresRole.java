package io.iabulk.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role a handler (method or whole controller) needs, when more than the default: reading
 * ({@code GET}, {@code HEAD}) needs {@link Role#VIEWER}, any other method {@link Role#EDITOR}. An
 * admin API key acts as {@link Role#OWNER}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {

    Role value();
}
