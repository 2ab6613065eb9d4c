package io.iabulk.intelligence.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameFilesAndAnotherSeedOthers() throws IOException {
        simulate(dir.resolve("a"), "people=300", "oracle.particles=50");
        simulate(dir.resolve("b"), "people=300", "oracle.particles=50");
        simulate(dir.resolve("c"), "people=300", "seed=99");

        for (String file : List.of(
                "contacts.csv", "history.csv", "truth-future.csv", "truth-best-hours.csv", "oracle-future.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
        assertThat(Files.readString(dir.resolve("c/history.csv")))
                .isNotEqualTo(Files.readString(dir.resolve("a/history.csv")));
    }

    @Test
    void writesTheImportFormatsWithConsistentEvents() throws IOException {
        simulate(dir, "people=1500");

        List<String> contacts = Files.readAllLines(dir.resolve("contacts.csv"));
        List<String> history = Files.readAllLines(dir.resolve("history.csv"));
        assertThat(contacts.getFirst()).isEqualTo("email,first_name,last_name,time_zone,locale,signed_up_on");
        assertThat(history.getFirst())
                .isEqualTo(
                        "email,messageId,sentAt,openedAt,clickedAt,opens,clicks,unsubscribedAt,bouncedAt,complainedAt");
        Set<String> emails = new HashSet<>();
        for (String line : contacts.subList(1, contacts.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(6);
            assertThat(emails.add(cells[0])).as("unique address %s", cells[0]).isTrue();
            if (!cells[3].isEmpty()) {
                ZoneId.of(cells[3]);
            }
        }
        Instant end = Instant.parse("2026-11-01T00:00:00Z");
        Map<String, Instant> left = new HashMap<>();
        for (String line : history.subList(1, history.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).hasSize(10);
            assertThat(emails).contains(cells[0]);
            Instant sentAt = Instant.parse(cells[2]);
            Instant deadline = sentAt.plus(Duration.ofHours(72));
            assertThat(deadline).isBeforeOrEqualTo(end);
            if (left.containsKey(cells[0])) {
                assertThat(sentAt).as("a send after leaving").isBeforeOrEqualTo(left.get(cells[0]));
            }
            if (!cells[3].isEmpty()) {
                Instant openedAt = Instant.parse(cells[3]);
                assertThat(openedAt).isAfter(sentAt).isBeforeOrEqualTo(deadline);
                assertThat(Integer.parseInt(cells[5])).isPositive();
                if (!cells[4].isEmpty()) {
                    assertThat(Instant.parse(cells[4]))
                            .isAfterOrEqualTo(openedAt)
                            .isBeforeOrEqualTo(deadline);
                    assertThat(Integer.parseInt(cells[6])).isPositive();
                }
            } else {
                assertThat(cells[4]).as("a click without an open").isEmpty();
                assertThat(cells[5]).isEqualTo("0");
            }
            for (int i = 7; i <= 9; i++) {
                if (!cells[i].isEmpty()) {
                    left.put(cells[0], Instant.parse(cells[i]));
                }
            }
        }
        List<String> future = Files.readAllLines(dir.resolve("truth-future.csv"));
        assertThat(future.getFirst()).isEqualTo("email,sendAt,trueOpenProbability,trueClickProbability");
        for (String line : future.subList(1, future.size())) {
            String[] cells = line.split(",");
            assertThat(left).doesNotContainKey(cells[0]);
            assertThat(Double.parseDouble(cells[3])).isBetween(0.0, Double.parseDouble(cells[2]));
        }
        // two future sends for every mailable person, three best hours each (dead mailboxes have none)
        assertThat(future).hasSize(1 + 2 * (contacts.size() - 1 - left.size()));
    }

    @Test
    void theOpensOfTheHistoryMatchTheTrueProbabilitiesOfItsSends() throws IOException {
        Simulator.Summary summary = simulate(dir, "people=3000");

        double opened = summary.opens / (double) summary.sends;
        double expected = summary.trueOpenSum / (summary.sends - summary.bounced);
        assertThat(opened).isCloseTo(expected, within(0.01));
        assertThat(summary.sends / (double) summary.people).isBetween(15.0, 25.0); // about 20 sends each
    }

    @Test
    void peopleOpenAroundTheirPreferredLocalHour() throws IOException {
        simulate(dir, "people=1500");
        Map<String, String[]> people = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth-people.csv")).subList(1, 1501)) {
            String[] cells = line.split(",", -1);
            people.put(cells[0], cells);
        }
        double distance = 0;
        int opens = 0;
        for (String line : Files.readAllLines(dir.resolve("history.csv"))) {
            String[] cells = line.split(",", -1);
            if (cells[3].isEmpty() || cells[3].equals("openedAt")) {
                continue;
            }
            String[] person = people.get(cells[0]);
            var local = Instant.parse(cells[3]).atZone(ZoneId.of(person[1]));
            if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            double d = Math.abs(local.getHour() + local.getMinute() / 60.0 - Double.parseDouble(person[9]));
            distance += Math.min(d, 24 - d);
            opens++;
        }

        // uniform opening hours would be 6 h from the peak on average; widths are 1–4 h
        assertThat(distance / opens).isLessThan(3.0);
    }

    @Test
    void theHourEffectIsTheAmplitudeAtThePeakAndAveragesToZeroOverADay() {
        Population population = new Population(SimulatorParameters.defaults());
        Person person = population.draw(1, new SplittableRandom(5));
        Instant monday = Instant.parse("2026-11-02T00:00:00Z");
        double sum = 0;
        double best = Double.NEGATIVE_INFINITY;
        int steps = 24 * 60;
        for (int minute = 0; minute < steps; minute++) {
            double logit = person.timeLogit(monday.plus(Duration.ofMinutes(minute)));
            sum += logit;
            best = Math.max(best, logit);
        }

        // 2026-11-02 is a weekday in every zone but around the date line: compare on the weekday part
        assertThat(best).isCloseTo(person.amplitude(), within(0.05 + Math.abs(person.weekendEffect())));
        assertThat(sum / steps).isCloseTo(0, within(0.05 + Math.abs(person.weekendEffect())));
    }

    @Test
    void bestHoursAreTheSlotsWithTheHighestTrueProbability() throws IOException {
        simulate(dir, "people=200");
        List<String> lines = Files.readAllLines(dir.resolve("truth-best-hours.csv"));
        for (int i = 1; i + 2 < lines.size(); i += 3) {
            double first = Double.parseDouble(lines.get(i).split(",")[9]);
            double third = Double.parseDouble(lines.get(i + 2).split(",")[9]);
            assertThat(first).isGreaterThanOrEqualTo(third);
        }
        assertThat(lines.size() - 1).isPositive().isEqualTo((lines.size() - 1) / 3 * 3);
    }

    @Test
    void theOracleLearnsFromTheHistoryAndStaysCalibrated() throws IOException {
        simulate(dir, "people=1500", "oracle.particles=300");
        Map<String, Double> truth = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("truth-future.csv"))) {
            String[] cells = line.split(",");
            if (cells[1].equals("2026-11-03T14:00:00Z")) {
                truth.put(cells[0], Double.parseDouble(cells[2]));
            }
        }
        double truthSum = 0;
        double oracleSum = 0;
        double cross = 0;
        double oracleSquares = 0;
        double truthSquares = 0;
        int n = 0;
        for (String line : Files.readAllLines(dir.resolve("oracle-future.csv"))) {
            String[] cells = line.split(",");
            if (cells[1].equals("2026-11-03T14:00:00Z")) {
                double p = truth.get(cells[0]);
                double q = Double.parseDouble(cells[2]);
                truthSum += p;
                oracleSum += q;
                cross += p * q;
                oracleSquares += q * q;
                truthSquares += p * p;
                n++;
            }
        }
        double covariance = cross / n - (truthSum / n) * (oracleSum / n);
        double correlation = covariance
                / Math.sqrt((oracleSquares / n - Math.pow(oracleSum / n, 2))
                        * (truthSquares / n - Math.pow(truthSum / n, 2)));

        assertThat(n).isEqualTo(truth.size());
        assertThat(oracleSum / n).isCloseTo(truthSum / n, within(0.015));
        assertThat(correlation).isGreaterThan(0.6);
    }

    @Test
    void anUnknownParameterIsRefused() {
        assertThatThrownBy(() -> SimulatorParameters.defaults("peple=10"))
                .hasMessageContaining("unknown parameter 'peple'");
    }

    /** A run without the oracle (slow) unless the overrides ask for it. */
    private static Simulator.Summary simulate(Path out, String... overrides) throws IOException {
        String[] all = new String[overrides.length + 1];
        all[0] = "oracle.particles=0";
        System.arraycopy(overrides, 0, all, 1, overrides.length);
        return new Simulator(SimulatorParameters.defaults(all)).run(out);
    }
}
