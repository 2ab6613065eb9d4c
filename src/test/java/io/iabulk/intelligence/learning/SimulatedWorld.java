package io.iabulk.intelligence.learning;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.PastSend;
import io.iabulk.intelligence.simulator.Simulator;
import io.iabulk.intelligence.simulator.SimulatorParameters;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A simulated world (the simulator's files) read back as in-memory timelines, the way the import
 * would give them: the contact file's zone (UTC when none), its signup date, the history lines.
 * Also the truth of the first future send, for expected metrics.
 */
record SimulatedWorld(List<ContactTimeline> timelines, Instant future, Map<String, Double> trueOpen)
        implements EngagementTimelines {

    static SimulatedWorld simulate(Path dir, String... overrides) {
        try {
            SimulatorParameters parameters = SimulatorParameters.defaults(overrides);
            new Simulator(parameters).run(dir);
            return read(dir, parameters.instants("future.sendAt").getFirst());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SimulatedWorld read(Path dir, Instant future) throws IOException {
        Map<String, ContactTimeline> contacts = new LinkedHashMap<>();
        Map<String, List<PastSend>> sends = new LinkedHashMap<>();
        long id = 0;
        for (String line : lines(dir.resolve("contacts.csv"))) {
            String[] c = line.split(",", -1);
            ZoneId zone = c[3].isEmpty() ? ZoneOffset.UTC : ZoneId.of(c[3]);
            Instant joined = LocalDate.parse(c[5]).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<PastSend> list = new ArrayList<>();
            sends.put(c[0], list);
            contacts.put(c[0], new ContactTimeline(++id, c[0], zone, joined, ContactTimeline.ContestFacts.NONE, list));
        }
        for (String line : lines(dir.resolve("history.csv"))) {
            String[] c = line.split(",", -1);
            sends.get(c[0])
                    .add(new PastSend(
                            Instant.parse(c[2]),
                            instant(c[3]),
                            instant(c[4]),
                            Integer.parseInt(c[5]),
                            Integer.parseInt(c[6]),
                            instant(c[7]),
                            instant(c[8]),
                            instant(c[9]),
                            true));
        }
        List<ContactTimeline> timelines = new ArrayList<>();
        for (ContactTimeline t : contacts.values()) {
            List<PastSend> sorted = new ArrayList<>(t.sends());
            sorted.sort(java.util.Comparator.comparing(PastSend::sentAt));
            timelines.add(new ContactTimeline(
                    t.contactId(), t.email(), t.timeZone(), t.joinedAt(), t.contests(), List.copyOf(sorted)));
        }
        Map<String, Double> truth = new LinkedHashMap<>();
        for (String line : lines(dir.resolve("truth-future.csv"))) {
            String[] c = line.split(",", -1);
            if (Instant.parse(c[1]).equals(future)) {
                truth.put(c[0], Double.parseDouble(c[2]));
            }
        }
        return new SimulatedWorld(List.copyOf(timelines), future, truth);
    }

    @Override
    public Optional<ContactTimeline> of(long contactId) {
        return timelines.stream().filter(t -> t.contactId() == contactId).findFirst();
    }

    @Override
    public void forEachActive(Consumer<ContactTimeline> consumer) {
        timelines.forEach(consumer);
    }

    private static List<String> lines(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().skip(1).filter(l -> !l.isBlank()).toList();
        }
    }

    private static Instant instant(String cell) {
        return cell.isEmpty() ? null : Instant.parse(cell);
    }
}
