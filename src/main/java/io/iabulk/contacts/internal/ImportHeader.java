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

/**
 * The header row of an import: where the known columns are and which other columns become
 * attributes. Column names are matched case-insensitively; attribute names are kept as written.
 *
 * @param columns the number of columns every line must have
 * @param attributeNames the attribute of each column, null for a known column
 */
record ImportHeader(
        int columns, int email, int firstName, int lastName, int timeZone, int locale, String[] attributeNames) {

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
     * The known column a header name stands for, in lower case: {@code time_zone} as the CSV
     * documents it, or {@code timeZone} as the JSON API spells it (first and last name alike);
     * any other name in lower case.
     */
    static String column(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "firstname" -> "first_name";
            case "lastname" -> "last_name";
            case "timezone" -> "time_zone";
            default -> key;
        };
    }

    static ImportHeader of(String[] names) {
        int email = -1;
        int firstName = -1;
        int lastName = -1;
        int timeZone = -1;
        int locale = -1;
        String[] attributes = new String[names.length];
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i].strip();
            String key = column(name);
            if (!seen.add(key)) {
                problems.add("column '" + ContactFields.clip(name) + "' appears twice");
                continue;
            }
            switch (key) {
                case "email" -> email = i;
                case "first_name" -> firstName = i;
                case "last_name" -> lastName = i;
                case "time_zone" -> timeZone = i;
                case "locale" -> locale = i;
                default -> {
                    if (ContactFields.ATTRIBUTE_NAME.matcher(name).matches()) {
                        attributes[i] = name;
                    } else {
                        problems.add("column '" + ContactFields.clip(name)
                                + "' is not a valid attribute name (letters, digits and _, not first; at most 64)");
                    }
                }
            }
        }
        if (email < 0) {
            problems.addFirst(
                    "has no email column (the header names: " + ContactFields.clip(String.join(",", names)) + ")");
        }
        if (!problems.isEmpty()) {
            throw invalid("header " + String.join("; ", problems));
        }
        return new ImportHeader(names.length, email, firstName, lastName, timeZone, locale, attributes);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("file", message);
    }
}
