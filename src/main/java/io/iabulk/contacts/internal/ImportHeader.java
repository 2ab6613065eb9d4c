package io.iabulk.contacts.internal;

import io.iabulk.platform.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The header row of an import: where the known columns are and which other columns become
 * attributes. Column names are matched without case or separators ({@link #column}); attribute
 * names are kept as written where they are names ({@link #attribute}).
 *
 * @param columns the number of columns every line must have
 * @param status the column of a status the previous mailer gave the address (unsubscribed, …), or -1
 * @param attributeNames the attribute of each column, null for a known column
 */
record ImportHeader(
        int columns,
        int email,
        int firstName,
        int lastName,
        int timeZone,
        int locale,
        int status,
        String[] attributeNames) {

    /** Reads and checks the header of an uploaded file; an unusable one is a 400. */
    static ImportHeader read(Path file) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (CsvRecords records = new CsvRecords(
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 64 * 1024))) {
            CsvRecords.Record first = records.next();
            if (first == null) {
                throw invalid("is empty; the first line must be a header naming the columns, with email among them");
            }
            if (first.error() != null) {
                throw invalid("does not start with a CSV header: line " + first.line() + ": " + first.error());
            }
            return of(first.fields());
        } catch (CharacterCodingException e) {
            throw invalid("is not UTF-8 text");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The known column a header name stands for ({@code email}, {@code first_name}, {@code last_name},
     * {@code time_zone}, {@code locale}, {@code status}), or null for an attribute. Names are compared
     * without case, spaces, {@code _}, {@code -} or {@code .}, so the CSV's {@code time_zone}, the JSON
     * API's {@code timeZone} and a mailer export's {@code Time Zone} are one column; a few names other
     * tools export are known too ({@code Email Address}, {@code E-mail}, {@code FNAME}, {@code LNAME},
     * {@code Surname}, {@code TZ}).
     */
    static String column(String name) {
        return switch (SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("")) {
            case "email", "emailaddress" -> "email";
            case "firstname", "fname" -> "first_name";
            case "lastname", "lname", "surname" -> "last_name";
            case "timezone", "tz" -> "time_zone";
            case "locale" -> "locale";
            case "status" -> "status";
            default -> null;
        };
    }

    /**
     * The attribute a column of another name becomes: the name itself when it is one (letters,
     * digits and {@code _}, not a digit first), else with each run of other characters written as
     * one {@code _} ({@code Phone Number} becomes {@code Phone_Number}, {@code OPTIN-TIME (UTC)}
     * {@code OPTIN_TIME_UTC}); null when even that is not a name.
     */
    static String attribute(String name) {
        if (ContactFields.ATTRIBUTE_NAME.matcher(name).matches()) {
            return name;
        }
        String written = NOT_IN_NAMES.matcher(name).replaceAll("_").replaceAll("^_+|_+$", "");
        return ContactFields.ATTRIBUTE_NAME.matcher(written).matches() ? written : null;
    }

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_.-]+");
    private static final Pattern NOT_IN_NAMES = Pattern.compile("[^A-Za-z0-9_]+");

    static ImportHeader of(String[] names) {
        int email = -1;
        int firstName = -1;
        int lastName = -1;
        int timeZone = -1;
        int locale = -1;
        int status = -1;
        String[] attributes = new String[names.length];
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            String known = column(name);
            String attribute = known == null ? attribute(name) : null;
            if (known == null && attribute == null) {
                problems.add("column '" + ContactFields.clip(name)
                        + "' cannot be an attribute name (letters, digits and _, not a digit first; at most 64)");
                continue;
            }
            // attributes are told apart without case, like the known columns
            if (!seen.add(known != null ? known : "attributes." + attribute.toLowerCase(Locale.ROOT))) {
                problems.add("column '" + ContactFields.clip(name) + "' appears twice");
                continue;
            }
            switch (known == null ? "" : known) {
                case "email" -> email = i;
                case "first_name" -> firstName = i;
                case "last_name" -> lastName = i;
                case "time_zone" -> timeZone = i;
                case "locale" -> locale = i;
                case "status" -> status = i;
                default -> attributes[i] = attribute;
            }
        }
        if (email < 0) {
            problems.addFirst(
                    "has no email column (the header names: " + ContactFields.clip(String.join(",", names)) + ")");
        }
        if (!problems.isEmpty()) {
            throw invalid("header " + String.join("; ", problems));
        }
        return new ImportHeader(names.length, email, firstName, lastName, timeZone, locale, status, attributes);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("file", message);
    }
}
