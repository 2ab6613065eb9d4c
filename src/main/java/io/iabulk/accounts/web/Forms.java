package io.iabulk.accounts.web;

import io.iabulk.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Field errors of a refused form, by field name, for the page to show next to each field. */
final class Forms {

    private Forms() {}

    static Map<String, String> errors(InvalidRequestException invalid) {
        Map<String, String> errors = new LinkedHashMap<>();
        invalid.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
        if (errors.isEmpty()) {
            errors.put("form", invalid.getMessage());
        }
        return errors;
    }
}
