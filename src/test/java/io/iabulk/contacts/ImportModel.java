package io.iabulk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random CSV import and what the rules of ADR 0007 (as amended by issue 12) predict of it: lines
 * of new, stored and unsubscribed addresses, repeated in any case, with empty cells, mixed with
 * invalid lines. The model folds each address's lines over its stored fields (a non-empty cell
 * wins, an empty one keeps) and counts by distinct address. Seeded, so a failure repeats.
 */
final class ImportModel {

    private static final String[] COLUMNS = {"first_name", "last_name", "time_zone", "locale", "plan"};
    private static final String[] FIELDS = {"firstName", "lastName", "timeZone", "locale", "attributes.plan"};
    private static final String[][] VALUES = {
        {"Ann", "Bob", "Cy"}, {"Lee", "Fox"}, {"UTC", "Europe/Paris"}, {"fr", "en-GB"}, {"free", "pro", "gold"}
    };

    private final Random random;
    private final List<String> fresh = new ArrayList<>();
    private final List<String> active = new ArrayList<>();
    private final List<String> unsubscribed = new ArrayList<>();
    private final Map<String, String[]> fields = new LinkedHashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final StringBuilder csv = new StringBuilder("email," + String.join(",", COLUMNS) + "\n");
    private long lines;
    private long invalid;
    private long duplicates;

    ImportModel(Random random, String tag) {
        this.random = random;
        for (int i = 0; i < 3 + random.nextInt(3); i++) {
            fresh.add(tag + "-n" + i + "@import.test");
        }
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            active.add(tag + "-a" + i + "@import.test");
        }
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            unsubscribed.add(tag + "-u" + i + "@import.test");
        }
        for (String address : all()) {
            fields.put(address, new String[COLUMNS.length]);
        }
        int count = 20 + random.nextInt(16);
        for (int i = 0; i < count; i++) {
            line();
        }
    }

    /** Creates the stored contacts (with a first name and a plan) and unsubscribes some. */
    void storeContacts(Api admin) {
        for (String address : concat(active, unsubscribed)) {
            Api.Response created = admin.post(
                    "/api/v1/contacts",
                    Map.of("email", address, "firstName", "Stored", "attributes", Map.of("plan", "old")));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String[] stored = new String[COLUMNS.length];
            stored[0] = "Stored";
            stored[4] = "old";
            // the file's lines were generated first: fold them over the stored values now
            String[] fromFile = fields.get(address);
            for (int i = 0; i < stored.length; i++) {
                if (fromFile[i] != null) {
                    stored[i] = fromFile[i];
                }
            }
            fields.put(address, stored);
            if (unsubscribed.contains(address)) {
                long id = created.json().get("id").asLong();
                assertThat(admin.patch("/api/v1/contacts/" + id, Map.of("status", "UNSUBSCRIBED"))
                                .status())
                        .isEqualTo(200);
            }
        }
    }

    private void line() {
        lines++;
        int kind = random.nextInt(100);
        String address = pick();
        String typed = random.nextBoolean() ? address : address.toUpperCase(Locale.ROOT);
        if (kind < 6) {
            invalid++;
            csv.append("not-an-address-").append(lines).append(",Ann,,,,\n");
            return;
        }
        if (kind < 10) {
            invalid++;
            csv.append(typed).append(",Ann\n"); // too few columns
            return;
        }
        if (kind < 14) {
            invalid++;
            csv.append(typed).append(",Ann,,Mars/Base,,\n"); // not a time zone
            return;
        }
        if (!seen.add(address)) {
            duplicates++;
        }
        String[] folded = fields.get(address);
        csv.append(typed);
        for (int i = 0; i < COLUMNS.length; i++) {
            String value = random.nextInt(100) < 55 ? "" : VALUES[i][random.nextInt(VALUES[i].length)];
            csv.append(',').append(value);
            if (!value.isEmpty()) {
                folded[i] = value;
            }
        }
        csv.append('\n');
    }

    /** Mostly addresses already used, so that repeats are common. */
    private String pick() {
        List<String> all = all();
        if (!seen.isEmpty() && random.nextInt(100) < 45) {
            List<String> used = new ArrayList<>(seen);
            return used.get(random.nextInt(used.size()));
        }
        return all.get(random.nextInt(all.size()));
    }

    private List<String> all() {
        return concat(concat(fresh, active), unsubscribed);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    String csv() {
        return csv.toString();
    }

    long lines() {
        return lines;
    }

    long invalid() {
        return invalid;
    }

    long duplicates() {
        return duplicates;
    }

    long created() {
        return seen.stream().filter(fresh::contains).count();
    }

    long updated() {
        return seen.stream().filter(active::contains).count();
    }

    long suppressed() {
        return seen.stream().filter(unsubscribed::contains).count();
    }

    /** For every address of the file, the fields the contact must end with (null: empty). */
    Map<String, Map<String, String>> expected() {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (String address : seen) {
            Map<String, String> contact = new HashMap<>();
            String[] values = fields.get(address);
            for (int i = 0; i < FIELDS.length; i++) {
                contact.put(FIELDS[i], values[i]);
            }
            expected.put(address, contact);
        }
        return expected;
    }
}
