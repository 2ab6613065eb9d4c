package io.iabulk.intelligence.models;

import io.iabulk.intelligence.simulator.Simulator;
import io.iabulk.intelligence.simulator.SimulatorParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * People of the project's simulator (bench/intelligence/simulator.properties, with fewer people and
 * stronger personal hours),
 * written with SQL as contacts and their imported history, as the history import would: enough
 * history with structure to learn (per-person hours, drift, dormancy) for a real training run.
 */
final class SimulatedContacts {

    private SimulatedContacts() {}

    /** The contacts written (ids), all ACTIVE; their addresses carry {@code tag}. */
    static List<Long> insert(JdbcClient jdbc, JdbcTemplate template, int people, String tag) {
        try {
            Path dir = Files.createTempDirectory("simulated-contacts");
            // strong personal hours: a structure the baseline (population hours only) cannot see, so a
            // trained model beats it on these few people whatever the trainer's details
            new Simulator(SimulatorParameters.defaults(
                            "people=" + people,
                            "oracle.particles=0",
                            "hours.amplitudeMin=2.0",
                            "hours.amplitudeMax=3.0"))
                    .run(dir);
            Map<String, Long> ids = new HashMap<>();
            List<Long> contacts = new ArrayList<>();
            for (String line : lines(dir.resolve("contacts.csv"))) {
                String[] c = line.split(",", -1);
                String email = c[0].replace("@", "+" + tag + "@");
                Timestamp joined = Timestamp.from(
                        LocalDate.parse(c[5]).atStartOfDay(ZoneOffset.UTC).toInstant());
                GeneratedKeyHolder key = new GeneratedKeyHolder();
                // the columns both databases take as they are (no attributes: their default)
                jdbc.sql("""
                                INSERT INTO contacts (email, email_normalized, status, time_zone, created_at, updated_at)
                                VALUES (:email, :email, 'ACTIVE', :zone, :joined, :joined)
                                """)
                        .param("email", email.toLowerCase(Locale.ROOT))
                        .param("zone", c[3].isEmpty() ? null : c[3])
                        .param("joined", joined)
                        .update(key, "id");
                long id = key.getKey().longValue();
                ids.put(c[0], id);
                contacts.add(id);
            }
            List<Object[]> rows = new ArrayList<>();
            for (String line : lines(dir.resolve("history.csv"))) {
                String[] c = line.split(",", -1);
                rows.add(new Object[] {
                    ids.get(c[0]),
                    c[1],
                    timestamp(c[2]),
                    timestamp(c[3]),
                    timestamp(c[4]),
                    Integer.parseInt(c[5]),
                    Integer.parseInt(c[6]),
                    timestamp(c[7]),
                    timestamp(c[8]),
                    timestamp(c[9])
                });
            }
            template.batchUpdate("""
                    INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, clicked_at, opens,
                        clicks, unsubscribed_at, bounced_at, complained_at, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)
                    """, rows);
            return contacts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contacts leave the active population, so that later tests train on their own data. */
    static void deactivate(JdbcClient jdbc, List<Long> contacts) {
        jdbc.sql("UPDATE contacts SET status = 'UNSUBSCRIBED' WHERE id IN (:ids)")
                .param("ids", contacts)
                .update();
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size());
    }

    private static Timestamp timestamp(String text) {
        return text.isEmpty() ? null : Timestamp.from(Instant.parse(text));
    }
}
