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
 * A short text typed by a person (a name, a title, a subject, a sender): no control characters.
 * Line breaks do not belong in a name or a header, and a NUL byte is refused by PostgreSQL, which
 * must be a 400, not a 500. The rule itself is {@link Texts#singleLine}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Constraint(validatedBy = SingleLine.Validator.class)
public @interface SingleLine {

    String message() default Texts.SINGLE_LINE_MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null is valid (use {@code @NotNull} or {@code @NotBlank} to require a value). */
    class Validator implements ConstraintValidator<SingleLine, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Texts.singleLine(value);
        }
    }
}
