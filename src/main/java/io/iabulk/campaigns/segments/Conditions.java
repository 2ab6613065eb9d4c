package io.iabulk.campaigns.segments;

import io.iabulk.campaigns.SegmentFieldSource.Field;
import io.iabulk.campaigns.segments.FilterCompiler.Compilation;
import io.iabulk.campaigns.segments.FilterCompiler.Sourced;
import io.iabulk.contacts.ContactStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One condition {@code {"field", "op", "value", "contestId"}} as SQL on the contacts row {@code c}.
 * Field names map to columns through this fixed list; values become parameters. Text comparisons
 * ignore case; {@code neq} also matches contacts that have no value.
 */
final class Conditions {

    private static final Set<String> MEMBERS = Set.of("field", "op", "value", "contestId");
    private static final List<String> FIELDS = List.of(
            "status",
            "email",
            "firstName",
            "lastName",
            "locale",
            "timeZone",
            "createdAt",
            "attributes.<name>",
            "contest",
            "contest.referrals",
            "contest.points",
            "lastSentAt",
            "lastOpenedAt",
            "lastClickedAt");
    private static final List<String> TEXT_OPS = List.of("eq", "neq", "in", "contains", "exists");
    private static final List<String> TIME_OPS = List.of("before", "after", "within");
    private static final List<String> COUNT_OPS = List.of("eq", "gte", "lte", "gt", "lt");
    static final int MAX_DAYS = 36_500;

    /** The fields of {@link #FIELDS} for forms, in that order ({@code attributes.<name>} included). */
    static List<io.iabulk.campaigns.SegmentField> builtIn() {
        List<String> statuses =
                java.util.Arrays.stream(ContactStatus.values()).map(Enum::name).toList();
        List<String> days = List.of();
        return List.of(
                field("status", "Status", "status", List.of("eq", "neq", "in"), statuses),
                field("email", "Email", "email", List.of("eq", "domain", "contains"), days),
                field("firstName", "First name", "text", TEXT_OPS, days),
                field("lastName", "Last name", "text", TEXT_OPS, days),
                field("locale", "Locale", "text", TEXT_OPS, days),
                field("timeZone", "Time zone", "text", TEXT_OPS, days),
                field("createdAt", "Created", "time", TIME_OPS, days),
                field("attributes.<name>", "Attribute", "text", TEXT_OPS, days),
                field("contest", "Contest participation", "contest", List.of("participant", "confirmed"), days),
                field("contest.referrals", "Contest referrals", "count", COUNT_OPS, days),
                field("contest.points", "Contest points", "count", COUNT_OPS, days),
                field("lastSentAt", "Last sent", "engagement", List.of("before", "after", "within", "never"), days),
                field("lastOpenedAt", "Last opened", "engagement", List.of("before", "after", "within", "never"), days),
                field(
                        "lastClickedAt",
                        "Last clicked",
                        "engagement",
                        List.of("before", "after", "within", "never"),
                        days));
    }

    private static io.iabulk.campaigns.SegmentField field(
            String name, String label, String type, List<String> ops, List<String> choices) {
        return new io.iabulk.campaigns.SegmentField(name, label, type, ops, choices, 0, 0, false);
    }

    private Conditions() {}

    static String compile(JsonNode node, String path, Compilation c) {
        for (String member : node.propertyNames()) {
            if (!MEMBERS.contains(member)) {
                c.error(path + "." + member, "is not a member of a condition (field, op, value, contestId)");
            }
        }
        JsonNode field = node.get("field");
        if (field == null || !field.isString() || field.asString().isBlank()) {
            return c.error(path + ".field", "is required; one of " + fields(c));
        }
        JsonNode op = node.get("op");
        if (op == null || !op.isString()) {
            return c.error(path + ".op", "is required");
        }
        Condition condition =
                new Condition(field.asString(), op.asString(), node.get("value"), node.get("contestId"), path, c);
        String name = condition.field;
        if (name.startsWith("attributes.")) {
            return attribute(condition, name.substring("attributes.".length()));
        }
        Sourced sourced = c.sourced.get(name);
        if (sourced != null) {
            return sourced(condition, sourced);
        }
        return switch (name) {
            case "status" -> status(condition);
            case "email" -> email(condition);
            case "firstName" -> text(condition, "c.first_name");
            case "lastName" -> text(condition, "c.last_name");
            case "locale" -> text(condition, "c.locale");
            case "timeZone" -> text(condition, "c.time_zone");
            case "createdAt" -> time(condition, "c.created_at");
            case "contest" -> contest(condition);
            case "contest.referrals" -> contestCount(condition, "p.referrals");
            case "contest.points" -> contestCount(condition, "p.points");
            case "lastSentAt" -> engagement(condition, "s.sent_at");
            case "lastOpenedAt" -> engagement(condition, "s.opened_at");
            case "lastClickedAt" -> engagement(condition, "s.clicked_at");
            default -> c.error(path + ".field", "unknown field '" + name + "'; use one of " + fields(c));
        };
    }

    /** Our fields, then those other modules answer. */
    private static List<String> fields(Compilation c) {
        List<String> fields = new ArrayList<>(FIELDS);
        fields.addAll(c.sourced.keySet());
        return fields;
    }

    /**
     * A field another module answers: the operator and value are checked here against its {@link
     * Field}, the value bound as a parameter, and the source writes the SQL around the placeholder.
     */
    private static String sourced(Condition k, Sourced sourced) {
        Field field = sourced.field();
        if (!k.opIn(field.ops())) {
            return k.badOp();
        }
        Object value;
        if (field.isChoice()) {
            value = k.op.equals("in") ? k.choices(field.choices()) : k.choice(field.choices());
        } else {
            value = k.number(field.min(), field.max(), field.integer());
        }
        if (value == null) {
            return "1 = 0";
        }
        return "(" + sourced.source().sql(field.name(), k.op, k.c.param(value)) + ")";
    }

    private static String status(Condition k) {
        if (!k.opIn(List.of("eq", "neq", "in"))) {
            return k.badOp();
        }
        if (k.op.equals("in")) {
            List<String> values = k.strings();
            if (values == null) {
                return "1 = 0";
            }
            for (String v : values) {
                if (!validStatus(v)) {
                    return k.c.error(
                            k.path + ".value", "holds '" + v + "', not a status " + List.of(ContactStatus.values()));
                }
            }
            return "c.status IN ("
                    + k.c.param(
                            values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList()) + ")";
        }
        String value = k.string();
        if (value == null) {
            return "1 = 0";
        }
        if (!validStatus(value)) {
            return k.c.error(k.path + ".value", "must be a status " + List.of(ContactStatus.values()));
        }
        return "c.status " + (k.op.equals("eq") ? "=" : "<>") + " " + k.c.param(value.toUpperCase(Locale.ROOT));
    }

    private static boolean validStatus(String value) {
        try {
            ContactStatus.valueOf(value.toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String email(Condition k) {
        if (!k.opIn(List.of("eq", "domain", "contains"))) {
            return k.badOp();
        }
        String value = k.string();
        if (value == null) {
            return "1 = 0";
        }
        String lower = value.strip().toLowerCase(Locale.ROOT);
        return switch (k.op) {
            case "eq" -> "c.email_normalized = " + k.c.param(lower);
            // the normalised address is lower-case; LIKE with a fixed prefix-free pattern scans, which a
            // segment count may
            case "domain" ->
                "c.email_normalized LIKE " + k.c.param("%@" + like(lower.replaceFirst("^@", ""))) + " ESCAPE '!'";
            default -> "c.email_normalized LIKE " + k.c.param("%" + like(lower) + "%") + " ESCAPE '!'";
        };
    }

    private static String attribute(Condition k, String name) {
        if (name.isBlank() || name.length() > 200) {
            return k.c.error(k.path + ".field", "names an attribute: attributes.<name>, 1 to 200 characters");
        }
        return text(k, "contact_attribute(c.attributes, " + k.c.param(name) + ")");
    }

    private static String text(Condition k, String column) {
        if (!k.opIn(TEXT_OPS)) {
            return k.badOp();
        }
        if (k.op.equals("exists")) {
            Boolean exists = k.bool();
            if (exists == null) {
                return "1 = 0";
            }
            String present = "(" + column + " IS NOT NULL AND " + column + " <> '')";
            return exists ? present : "NOT " + present;
        }
        if (k.op.equals("in")) {
            List<String> values = k.strings();
            return values == null
                    ? "1 = 0"
                    : "lower(" + column + ") IN ("
                            + k.c.param(values.stream()
                                    .map(v -> v.toLowerCase(Locale.ROOT))
                                    .toList()) + ")";
        }
        String value = k.string();
        if (value == null) {
            return "1 = 0";
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return switch (k.op) {
            case "eq" -> "lower(" + column + ") = " + k.c.param(lower);
            case "neq" -> "(" + column + " IS NULL OR lower(" + column + ") <> " + k.c.param(lower) + ")";
            default -> "lower(" + column + ") LIKE " + k.c.param("%" + like(lower) + "%") + " ESCAPE '!'";
        };
    }

    private static String time(Condition k, String column) {
        if (!k.opIn(TIME_OPS)) {
            return k.badOp();
        }
        Instant moment = k.op.equals("within") ? k.daysAgo() : k.instant();
        if (moment == null) {
            return "1 = 0";
        }
        return column + (k.op.equals("before") ? " < " : " >= ") + k.c.param(Timestamp.from(moment));
    }

    private static String contest(Condition k) {
        if (!k.opIn(List.of("participant", "confirmed"))) {
            return k.badOp();
        }
        Long contest = k.contestId();
        Boolean is = k.value == null ? Boolean.TRUE : k.bool();
        if (contest == null || is == null) {
            return "1 = 0";
        }
        // the unique (contest_id, email_normalized) row of this contact, through (contest_id, contact_id)
        String exists = "EXISTS (SELECT 1 FROM contest_participants p WHERE p.contest_id = " + k.c.param(contest)
                + " AND p.contact_id = c.id" + (k.op.equals("confirmed") ? " AND p.status = 'CONFIRMED'" : "") + ")";
        return is ? exists : "NOT " + exists;
    }

    private static String contestCount(Condition k, String column) {
        if (!k.opIn(COUNT_OPS)) {
            return k.badOp();
        }
        Long contest = k.contestId();
        Long value = k.integer(0, Integer.MAX_VALUE);
        if (contest == null || value == null) {
            return "1 = 0";
        }
        String operator = switch (k.op) {
            case "eq" -> " = ";
            case "gte" -> " >= ";
            case "lte" -> " <= ";
            case "gt" -> " > ";
            default -> " < ";
        };
        return "EXISTS (SELECT 1 FROM contest_participants p WHERE p.contest_id = " + k.c.param(contest)
                + " AND p.contact_id = c.id AND " + column + operator + k.c.param(value.intValue()) + ")";
    }

    private static String engagement(Condition k, String column) {
        if (!k.opIn(List.of("before", "after", "within", "never"))) {
            return k.badOp();
        }
        if (k.op.equals("never")) {
            return "NOT EXISTS (SELECT 1 FROM email_sends s WHERE s.contact_id = c.id AND " + column + " IS NOT NULL)";
        }
        Instant moment = k.op.equals("within") ? k.daysAgo() : k.instant();
        if (moment == null) {
            return "1 = 0";
        }
        String at = k.c.param(Timestamp.from(moment));
        if (k.op.equals("before")) {
            // the latest time is before the moment: contacts without any are not matched ("never" is)
            return "(SELECT max(" + column + ") FROM email_sends s WHERE s.contact_id = c.id) < " + at;
        }
        return "EXISTS (SELECT 1 FROM email_sends s WHERE s.contact_id = c.id AND " + column + " >= " + at + ")";
    }

    /** Escapes LIKE wildcards with {@code !} (the ESCAPE character of every pattern here). */
    static String like(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
