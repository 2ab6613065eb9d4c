package io.iabulk.platform;

import java.util.List;

/** The request is well-formed but some of its fields are invalid (400 with per-field errors). */
public class InvalidRequestException extends DomainException {

    private final List<FieldError> errors;

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidRequestException(List<FieldError> errors) {
        super("validation-failed", "The request has invalid fields");
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One invalid field: its JSON name (or parameter name) and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
