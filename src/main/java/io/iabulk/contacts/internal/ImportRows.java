package io.iabulk.contacts.internal;

import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.Texts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns the records of an import into rows to stage or rejections, by the same rules as the API
 * (see {@link ContactFields}). An empty cell is "no value": it keeps what the contact has. Not
 * thread-safe: one per import.
 */
final class ImportRows {

    /**
     * A valid line: everything the merge needs, the address hash included; {@code status} is the
     * suppressing status the line gives the address ({@code UNSUBSCRIBED}, {@code BOUNCED},
     * {@code COMPLAINED}), null when it gives none.
     */
    record Row(
            long line,
            String email,
            String normalized,
            String hash,
            String firstName,
            String lastName,
            String timeZone,
            String locale,
            String attributesJson,
            String status) {}

    /** A rejected line and why. */
    record Rejection(long line, String email, String reason) {}

    private final ImportHeader header;
    private final String fileStatus;
    private final MessageDigest sha256;
    // a file has few distinct zones and locales: check each once
    private final Map<String, Object> zones = new HashMap<>();
    private final Map<String, Object> locales = new HashMap<>();

    /** {@code fileStatus}: the status of a line whose status cell is empty or absent (null: none). */
    ImportRows(ImportHeader header, String fileStatus) {
        this.header = header;
        this.fileStatus = fileStatus;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@link Row} or a {@link Rejection}. */
    Object read(CsvRecords.Record record) {
        long line = record.line();
        if (record.error() != null) {
            return new Rejection(line, null, record.error());
        }
        String[] fields = record.fields();
        for (String field : fields) {
            if (!Texts.storable(field)) {
                return new Rejection(line, null, "contains a NUL character");
            }
        }
        String rawEmail = fields.length > header.email() ? fields[header.email()].strip() : null;
        if (fields.length != header.columns()) {
            return new Rejection(
                    line, rawEmail, "has " + fields.length + " columns, the header has " + header.columns());
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(rawEmail);
        } catch (IllegalArgumentException e) {
            return new Rejection(line, rawEmail, "email " + e.getMessage());
        }
        try {
            String firstName = name("first_name", cell(fields, header.firstName()));
            String lastName = name("last_name", cell(fields, header.lastName()));
            String zone = cached(zones, cell(fields, header.timeZone()), ContactFields::timeZone, "time_zone");
            String locale = cached(locales, cell(fields, header.locale()), ContactFields::locale, "locale");
            return new Row(
                    line,
                    email.address(),
                    email.normalized(),
                    hash(email.normalized()),
                    firstName,
                    lastName,
                    zone,
                    locale,
                    attributes(fields),
                    statusOf(cell(fields, header.status())));
        } catch (IllegalArgumentException e) {
            return new Rejection(line, email.address(), e.getMessage());
        }
    }

    /**
     * The suppressing status a previous mailer's word for an address stands for, null for none: a
     * subscribed (or active) address, or an empty cell, changes nothing (an import never makes a
     * suppressed address mailable again).
     */
    static String status(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "", "subscribed", "active" -> null;
            case "unsubscribed" -> "UNSUBSCRIBED";
            case "bounced", "cleaned" -> "BOUNCED";
            case "complained" -> "COMPLAINED";
            default ->
                throw new IllegalArgumentException("status must be subscribed, active, unsubscribed, bounced, cleaned"
                        + " or complained, got '" + ContactFields.clip(raw) + "'");
        };
    }

    /** The line's own status when its cell says one, else the file's. */
    private String statusOf(String cell) {
        return cell == null || cell.isBlank() ? fileStatus : status(cell);
    }

    private static String name(String column, String raw) {
        try {
            return ContactFields.name(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + " " + e.getMessage());
        }
    }

    private static String cell(String[] fields, int index) {
        return index < 0 ? null : fields[index];
    }

    private static String cached(Map<String, Object> cache, String raw, UnaryOperator<String> rule, String column) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Object known = cache.get(raw);
        if (known == null) {
            try {
                known = rule.apply(raw);
            } catch (IllegalArgumentException e) {
                known = new IllegalArgumentException(column + " " + e.getMessage());
            }
            if (cache.size() < 10_000) {
                cache.put(raw, known);
            }
        }
        if (known instanceof IllegalArgumentException invalid) {
            throw invalid;
        }
        return (String) known;
    }

    private String attributes(String[] fields) {
        String[] names = header.attributeNames();
        StringBuilder json = null;
        for (int i = 0; i < names.length; i++) {
            String value = fields[i];
            if (names[i] == null || value.isEmpty()) {
                continue;
            }
            if (value.length() > ContactFields.MAX_ATTRIBUTE_VALUE) {
                throw new IllegalArgumentException(
                        names[i] + " must be at most " + ContactFields.MAX_ATTRIBUTE_VALUE + " characters");
            }
            json = json == null ? new StringBuilder("{") : json.append(',');
            appendJsonString(json, names[i]);
            json.append(':');
            appendJsonString(json, value);
        }
        return json == null ? null : json.append('}').toString();
    }

    static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private String hash(String normalized) {
        return HexFormat.of().formatHex(sha256.digest(normalized.getBytes(StandardCharsets.UTF_8)));
    }
}
