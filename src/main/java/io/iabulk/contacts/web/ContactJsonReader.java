package io.iabulk.contacts.web;

import io.iabulk.contacts.ContactChanges;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.contacts.internal.ContactFields;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Reads the JSON of a contact ({@code POST} and {@code PATCH}) into {@link ContactChanges}: a field
 * left out is kept, a field sent as {@code null} is emptied, and every invalid field is reported at
 * once.
 */
final class ContactJsonReader {

    private static final Set<String> FIELDS =
            Set.of("email", "firstName", "lastName", "timeZone", "locale", "attributes", "status");

    private final List<FieldError> errors = new ArrayList<>();
    private final Set<String> cleared = new HashSet<>();
    private final JsonNode body;

    private ContactJsonReader(JsonNode body) {
        this.body = body;
    }

    /** The body of {@code POST /contacts}: {@code email} is required, {@code status} is not accepted. */
    static ContactChanges forUpsert(JsonNode body) {
        return new ContactJsonReader(body).read(true);
    }

    /** The body of {@code PATCH /contacts/{id}}: every field is optional. */
    static ContactChanges forPatch(JsonNode body) {
        return new ContactJsonReader(body).read(false);
    }

    private ContactChanges read(boolean upsert) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a contact"));
            }
        }
        EmailAddress email = email(upsert);
        String firstName = text("firstName", ContactFields::name);
        String lastName = text("lastName", ContactFields::name);
        String timeZone = text("timeZone", ContactFields::timeZone);
        String locale = text("locale", ContactFields::locale);
        Map<String, String> attributes = attributes();
        ContactStatus status = upsert ? refuseStatus() : status();
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new ContactChanges(email, firstName, lastName, timeZone, locale, attributes, status, cleared);
    }

    private EmailAddress email(boolean required) {
        JsonNode node = body.get("email");
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError("email", "is required"));
            } else if (node != null) {
                errors.add(new FieldError("email", "cannot be removed; DELETE the contact to erase it"));
            }
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError("email", "must be a string"));
            return null;
        }
        try {
            return EmailAddress.parse(node.asString());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("email", e.getMessage()));
            return null;
        }
    }

    private String text(String field, UnaryOperator<String> rule) {
        JsonNode node = body.get(field);
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            cleared.add(field);
            return null;
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "must be a string or null"));
            return null;
        }
        try {
            String value = rule.apply(node.asString());
            if (value == null) {
                cleared.add(field); // blank means empty
            }
            return value;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private Map<String, String> attributes() {
        JsonNode node = body.get("attributes");
        Map<String, String> attributes = new LinkedHashMap<>();
        if (node == null) {
            return attributes;
        }
        if (node.isNull()) {
            cleared.add("attributes");
            return attributes;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("attributes", "must be an object of string values"));
            return attributes;
        }
        if (node.size() > ContactFields.MAX_ATTRIBUTES) {
            errors.add(new FieldError("attributes", "must have at most " + ContactFields.MAX_ATTRIBUTES + " entries"));
            return attributes;
        }
        for (String name : node.propertyNames()) {
            JsonNode value = node.get(name);
            String field = "attributes." + name;
            try {
                ContactFields.attributeName(name);
                if (value.isNull()) {
                    attributes.put(name, null); // removes the attribute
                } else if (value.isString()) {
                    attributes.put(name, ContactFields.attributeValue(value.asString()));
                } else {
                    errors.add(new FieldError(field, "must be a string or null"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(field, e.getMessage()));
            }
        }
        return attributes;
    }

    private ContactStatus status() {
        JsonNode node = body.get("status");
        if (node == null) {
            return null;
        }
        String text = node.isString() ? node.asString() : null;
        if ("ACTIVE".equals(text) || "UNSUBSCRIBED".equals(text)) {
            return ContactStatus.valueOf(text);
        }
        if (text != null && (text.equals("BOUNCED") || text.equals("COMPLAINED") || text.equals("ERASED"))) {
            errors.add(new FieldError(
                    "status",
                    "cannot be set to " + text + " by hand (bounces and complaints come from delivery; "
                            + "DELETE erases)"));
        } else {
            errors.add(new FieldError("status", "must be ACTIVE or UNSUBSCRIBED"));
        }
        return null;
    }

    private ContactStatus refuseStatus() {
        if (body.has("status")) {
            errors.add(new FieldError("status", "is set with PATCH /api/v1/contacts/{id}"));
        }
        return null;
    }
}
