package io.iabulk.contacts.internal;

import io.iabulk.platform.Texts;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a contact's profile fields, shared by the API and the CSV import. Each check returns
 * the value to store or throws {@link IllegalArgumentException} with a message fit for the
 * operator.
 */
public final class ContactFields {

    /** Attribute names are identifiers, so templates can say {@code attributes.name}. */
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    public static final int MAX_NAME = 100;
    public static final int MAX_ATTRIBUTE_VALUE = 1000;
    public static final int MAX_ATTRIBUTES = 100;

    private ContactFields() {}

    /** A first or last name, trimmed, on one line; blank is "no value" (null). */
    public static String name(String raw) {
        if (!Texts.storable(raw)) {
            throw new IllegalArgumentException(Texts.NUL_MESSAGE);
        }
        String name = blankToNull(raw);
        if (name != null && name.length() > MAX_NAME) {
            throw new IllegalArgumentException("must be at most " + MAX_NAME + " characters");
        }
        if (!Texts.singleLine(name)) {
            throw new IllegalArgumentException(Texts.SINGLE_LINE_MESSAGE);
        }
        return name;
    }

    /** A time zone id known to Java ({@code Europe/Paris}, {@code UTC}); blank is null. */
    public static String timeZone(String raw) {
        String zone = blankToNull(raw);
        if (zone == null) {
            return null;
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a time zone id like Europe/Paris, got '" + clip(zone) + "'");
        }
    }

    /** A BCP 47 language tag ({@code fr}, {@code pt-BR}), in its canonical form; blank is null. */
    public static String locale(String raw) {
        String tag = blankToNull(raw);
        if (tag == null) {
            return null;
        }
        try {
            String canonical = new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
            if (canonical.equals("und") || canonical.length() > 35) {
                throw new IllformedLocaleException();
            }
            return canonical;
        } catch (IllformedLocaleException e) {
            throw new IllegalArgumentException(
                    "must be a BCP 47 language tag like fr or pt-BR, got '" + clip(tag) + "'");
        }
    }

    /** Checks an attribute name. */
    public static String attributeName(String name) {
        if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "attribute names are letters, digits and _ (not first), at most 64, got '"
                            + clip(String.valueOf(name)) + "'");
        }
        return name;
    }

    /** Checks an attribute value (stored as given, not trimmed; it may span lines). */
    public static String attributeValue(String value) {
        if (value != null && value.length() > MAX_ATTRIBUTE_VALUE) {
            throw new IllegalArgumentException("must be at most " + MAX_ATTRIBUTE_VALUE + " characters");
        }
        if (!Texts.storable(value)) {
            throw new IllegalArgumentException(Texts.NUL_MESSAGE);
        }
        return value;
    }

    static String blankToNull(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** Keeps echoed input short in messages. */
    static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
