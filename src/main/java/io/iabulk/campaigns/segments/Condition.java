package io.iabulk.campaigns.segments;

import io.iabulk.campaigns.segments.FilterCompiler.Compilation;
import io.iabulk.platform.Instants;
import io.iabulk.platform.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A condition being compiled, with typed readers of its members that record errors. */
final class Condition {

    final String field;
    final String op;
    final JsonNode value;
    final JsonNode contest;
    final String path;
    final Compilation c;

    Condition(String field, String op, JsonNode value, JsonNode contest, String path, Compilation c) {
        this.field = field;
        this.op = op;
        this.value = value;
        this.contest = contest;
        this.path = path;
        this.c = c;
    }

    private List<String> ops;

    boolean opIn(List<String> allowed) {
        ops = allowed;
        return allowed.contains(op);
    }

    String badOp() {
        return c.error(path + ".op", "'" + op + "' is not an operator of " + field + "; use one of " + ops);
    }

    String string() {
        if (value == null || !(value.isString() || value.isNumber())) {
            c.error(path + ".value", "must be a string");
            return null;
        }
        return value.asString();
    }

    List<String> strings() {
        if (value == null || !value.isArray() || value.isEmpty() || value.size() > 1000) {
            c.error(path + ".value", "must be an array of 1 to 1000 strings");
            return null;
        }
        List<String> values = new ArrayList<>(value.size());
        for (JsonNode v : value) {
            if (!(v.isString() || v.isNumber())) {
                c.error(path + ".value", "must be an array of strings");
                return null;
            }
            values.add(v.asString());
        }
        return values;
    }

    /** One of {@code choices}, ignoring case, as the choice spells it. */
    String choice(List<String> choices) {
        String value = string();
        if (value == null) {
            return null;
        }
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value.strip())) {
                return choice;
            }
        }
        c.error(path + ".value", "must be one of " + choices);
        return null;
    }

    /** An array of 1 to 1000 of {@code choices}, ignoring case, as the choices spell them. */
    List<String> choices(List<String> choices) {
        List<String> values = strings();
        if (values == null) {
            return null;
        }
        List<String> chosen = new ArrayList<>(values.size());
        for (String value : values) {
            String match = choices.stream()
                    .filter(choice -> choice.equalsIgnoreCase(value.strip()))
                    .findFirst()
                    .orElse(null);
            if (match == null) {
                c.error(path + ".value", "holds '" + value + "', not one of " + choices);
                return null;
            }
            chosen.add(match);
        }
        return chosen;
    }

    /**
     * A finite number in [min, max], a whole one when {@code integer}: a {@code Double}, or an
     * {@code Integer} for a whole number.
     */
    Number number(double min, double max, boolean integer) {
        String range = (integer
                ? "a whole number from " + (long) min + " to " + (long) max
                : "a number from " + min + " to " + max);
        if (value == null || !value.isNumber() || (integer && !value.isIntegralNumber())) {
            c.error(path + ".value", "must be " + range);
            return null;
        }
        double number = value.asDouble();
        if (!Double.isFinite(number) || number < min || number > max) {
            c.error(path + ".value", "must be " + range);
            return null;
        }
        return integer ? (Number) (int) number : (Number) number;
    }

    Boolean bool() {
        if (value == null) {
            return Boolean.TRUE;
        }
        if (!value.isBoolean()) {
            c.error(path + ".value", "must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    /** A whole number in [min, max]; one beyond {@code long} (2^63) is out of range, not a crash. */
    Long integer(long min, long max) {
        if (value == null
                || !value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.asLong() < min
                || value.asLong() > max) {
            c.error(path + ".value", "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.asLong();
    }

    Long contestId() {
        if (contest == null || !contest.isIntegralNumber() || !contest.canConvertToLong() || contest.asLong() < 1) {
            c.error(path + ".contestId", "is required: the id of a contest");
            return null;
        }
        return contest.asLong();
    }

    Instant instant() {
        if (value == null || !value.isString()) {
            c.error(path + ".value", "must be a date (2026-01-31) or an instant (2026-01-31T12:00:00Z)");
            return null;
        }
        try {
            return Instants.parse(path + ".value", value.asString());
        } catch (InvalidRequestException e) {
            e.errors().forEach(error -> c.error(error.field(), error.message()));
            return null;
        }
    }

    Instant daysAgo() {
        Long days = integer(1, Conditions.MAX_DAYS);
        return days == null ? null : c.clock.instant().minus(Duration.ofDays(days));
    }
}
