package io.iabulk.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A longer text (a template source, a message context) that may span lines but must not hold NUL,
 * which PostgreSQL refuses and mail cannot carry ({@link Texts}). On a map or a list (a decoded JSON
 * object), every string and member name inside it is checked. Null is valid.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Constraint(validatedBy = StorableText.Validator.class)
public @interface StorableText {

    String message() default Texts.NUL_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a string, or the strings of a map or list, through {@link Texts#firstUnstorable}. */
    class Validator implements ConstraintValidator<StorableText, Object> {

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            return Texts.firstUnstorable(value, "") == null;
        }
    }
}
