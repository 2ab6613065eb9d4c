package io.iabulk.intelligence.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Send-time optimisation against the simulator's truth (issue 15, section 2): the expected human
 * opens of a campaign's planned send times (its {@code recipients.csv}), against sending everyone
 * at the start and against the oracle (each person at their true best hour of the window). A
 * person's true P(open) at {@code t} is sigmoid(state + time), the state (level, drift, dormancy,
 * honeymoon) frozen at the data set's first future send as {@code truth-future-parts.csv} gives it,
 * and the time part from the person's true traits ({@code truth-people.csv}) by {@link
 * Person#timeLogit}: the same frozen-state convention as {@code truth-best-hours.csv}. Writes a
 * markdown section starting with {@code ## Send-time optimisation}.
 *
 * <pre>
 * SendTimeEvaluation --data DIR --recipients FILE --start INSTANT --window HOURS [--meta FILE] --out FILE
 * </pre>
 */
public final class SendTimeEvaluation {

    /** The share of the oracle's uplift the issue asks for. */
    static final double TARGET = 0.5;

    private SendTimeEvaluation() {}

    /** The three expected-opens sums over the recipients compared. */
    record Result(int recipients, int withTime, double atStart, double planned, double oracle, double meanSends) {

        double share() {
            double gain = oracle - atStart;
            return gain <= 0 ? Double.NaN : (planned - atStart) / gain;
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path data = Path.of(required(options, "data"));
        Instant start = Instant.parse(required(options, "start"));
        int window = Integer.parseInt(required(options, "window"));
        Result result = evaluate(data, Path.of(required(options, "recipients")), start, window);
        Map<String, String> meta = options.containsKey("meta") ? meta(Path.of(options.get("meta"))) : Map.of();
        String section = section(result, start, window, meta, options.getOrDefault("title", ""));
        Path out = Path.of(required(options, "out"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, section, StandardCharsets.UTF_8);
        System.out.print(section);
    }

    static Result evaluate(Path data, Path recipients, Instant start, int windowHours) throws IOException {
        Map<String, Person> people = people(data.resolve("truth-people.csv"));
        Map<String, Integer> sends = new HashMap<>();
        for (CSVRecord r : read(data.resolve("truth-people.csv"))) {
            sends.put(r.get("email").toLowerCase(Locale.ROOT), Integer.parseInt(r.get("sends")));
        }
        Map<String, Double> state = states(data.resolve("truth-future-parts.csv"));
        Instant end = start.plus(Duration.ofHours(windowHours));
        List<Instant> hourPoints = hourMiddles(start, end);
        double atStart = 0;
        double planned = 0;
        double oracle = 0;
        double sendSum = 0;
        int n = 0;
        int withTime = 0;
        for (CSVRecord r : read(recipients)) {
            String email = r.get("email").toLowerCase(Locale.ROOT);
            Person person = people.get(email);
            Double s = state.get(email);
            if (person == null || s == null) {
                continue; // not a simulated person (none in a bench run)
            }
            n++;
            sendSum += sends.getOrDefault(email, 0);
            String at = r.get("scheduledAt");
            if (at != null && !at.isBlank()) {
                withTime++;
            }
            if (s.isInfinite()) {
                continue; // a dead mailbox opens nothing, whenever it is sent
            }
            Instant t = at == null || at.isBlank() ? start : Instant.parse(at);
            atStart += Person.sigmoid(s + person.timeLogit(start));
            planned += Person.sigmoid(s + person.timeLogit(t.isBefore(start) ? start : t));
            double best = 0;
            for (Instant h : hourPoints) {
                best = Math.max(best, Person.sigmoid(s + person.timeLogit(h)));
            }
            oracle += best;
        }
        return new Result(n, withTime, atStart, planned, oracle, n == 0 ? 0 : sendSum / n);
    }

    /** The middle of each whole hour's part inside {@code [start, end)}: the oracle's candidate times. */
    static List<Instant> hourMiddles(Instant start, Instant end) {
        List<Instant> points = new ArrayList<>();
        for (Instant h = start.truncatedTo(ChronoUnit.HOURS); h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
            Instant from = h.isBefore(start) ? start : h;
            Instant to = h.plus(Duration.ofHours(1)).isAfter(end) ? end : h.plus(Duration.ofHours(1));
            points.add(from.plus(Duration.between(from, to).dividedBy(2)));
        }
        return points;
    }

    /** The people with the traits of their time part; the rest of a Person is not needed here. */
    private static Map<String, Person> people(Path file) throws IOException {
        Map<String, Person> people = new HashMap<>();
        for (CSVRecord r : read(file)) {
            double width = Double.parseDouble(r.get("width"));
            Person p = new Person(
                    0,
                    r.get("email"),
                    "",
                    "",
                    "",
                    Person.DomainClass.valueOf(r.get("domainClass")),
                    ZoneId.of(r.get("trueTimeZone")),
                    null,
                    Instant.EPOCH,
                    false,
                    0,
                    Instant.EPOCH,
                    new float[] {0},
                    null,
                    0,
                    Double.parseDouble(r.get("peakHour")),
                    width,
                    Double.parseDouble(r.get("amplitude")),
                    Person.meanBump(width),
                    Double.parseDouble(r.get("weekendShift")),
                    Double.parseDouble(r.get("weekendEffect")),
                    0,
                    0,
                    false,
                    null);
            people.put(r.get("email").toLowerCase(Locale.ROOT), p);
        }
        return people;
    }

    /** Each person's state logit at the first future send (-Infinity: a dead mailbox). */
    private static Map<String, Double> states(Path file) throws IOException {
        Map<String, Double> states = new HashMap<>();
        String first = null;
        for (CSVRecord r : read(file)) {
            if (first == null) {
                first = r.get("sendAt");
            }
            if (r.get("sendAt").equals(first)) {
                String v = r.get("stateLogit");
                states.put(
                        r.get("email").toLowerCase(Locale.ROOT),
                        v.contains("Infinity") ? Double.NEGATIVE_INFINITY : Double.parseDouble(v));
            }
        }
        return states;
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    private static Map<String, String> meta(Path file) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                meta.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return meta;
    }

    static String section(Result r, Instant start, int window, Map<String, String> meta, String title) {
        StringBuilder md = new StringBuilder();
        md.append("## Send-time optimisation")
                .append(title.isBlank() ? "" : " — " + title)
                .append("\n\n");
        md.append("Issue 15, section 2. A campaign with `sendTimeOptimization: {\"windowHours\": ")
                .append(window)
                .append("}` to every mailable contact of the simulated world, planned by the app from the "
                        + "active model's stored predictions; its `recipients.csv` gives each planned time. "
                        + "Each person's true P(open) at a time is the simulator's (state frozen at the data "
                        + "set's first future send, as for the true best hours), so the three strategies are "
                        + "compared on the same people with no sampling noise.\n\n");
        md.append("| | |\n|---|---|\n");
        for (String key : List.of(
                "command",
                "date",
                "machine",
                "jdk",
                "store",
                "app",
                "simulator_commit",
                "seed",
                "people",
                "simulator_overrides",
                "model",
                "step.scoring",
                "step.campaign_" + window)) {
            if (meta.containsKey(key)) {
                md.append("| ").append(key).append(" | ").append(meta.get(key)).append(" |\n");
            }
        }
        md.append("| window | ").append(start).append(" + ").append(window).append(" h |\n");
        md.append("| recipients compared | ")
                .append(r.recipients())
                .append(" (")
                .append(r.withTime())
                .append(" with a planned time) |\n");
        md.append(String.format(Locale.ROOT, "| past sends per person (mean) | %.1f |%n%n", r.meanSends()));
        md.append("| strategy | expected human opens | per recipient | uplift over the start |\n");
        md.append("|---|---|---|---|\n");
        md.append(row("everyone at the start", r.atStart(), r.recipients(), r.atStart()));
        md.append(row("**our schedule**", r.planned(), r.recipients(), r.atStart()));
        md.append(row("oracle (true best hour of the window)", r.oracle(), r.recipients(), r.atStart()));
        double share = r.share();
        md.append(String.format(
                Locale.ROOT,
                "%nShare of the oracle's uplift reached: **%.1f %%** (target ≥ %.0f %%): **%s**.%n",
                share * 100,
                TARGET * 100,
                share >= TARGET ? "meets the target" : "falls short of the target"));
        return md.toString();
    }

    private static String row(String name, double opens, int n, double base) {
        return String.format(
                Locale.ROOT,
                "| %s | %.1f | %.4f | %+.1f (%+.1f %%) |%n",
                name,
                opens,
                n == 0 ? 0 : opens / n,
                opens - base,
                base == 0 ? 0 : (opens - base) / base * 100);
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
