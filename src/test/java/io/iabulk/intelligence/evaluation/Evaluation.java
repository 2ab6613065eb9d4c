package io.iabulk.intelligence.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analysis step of {@code bench/intelligence/evaluate.sh}: compares the predictions the API
 * exported for the future send T with the simulator's true probabilities, next to the metrics the
 * API reports on its time-split hold-out, and writes {@code docs/ai-evaluation.md}.
 *
 * <pre>
 * Evaluation --data SIM_DIR [--export export.csv] [--model model.json] [--at T] [--meta meta.properties]
 *            [--world bench/intelligence/world.md] --out docs/ai-evaluation.md
 * </pre>
 *
 * <p>Without {@code --export} it writes the reference figures of the world alone (Bayes-optimal
 * AUC, the cross-check baselines, the oracles) and says that no model was measured.
 */
public final class Evaluation {

    /**
     * A score vector over the people present in both the truth and the export.
     *
     * @param probability whether the score claims to be a probability (calibration metrics apply)
     * @param click the matching P(click) score, or null
     */
    record Scored(String name, String description, boolean probability, double[] open, double[] click) {}

    /** Everything the report shows. */
    record Results(
            Instant at,
            boolean measured,
            Map<String, String> parameters,
            Map<String, String> meta,
            JsonNode model,
            int truthPeople,
            int exportRows,
            int joined,
            int missingFromExport,
            int notInTruth,
            double[] trueOpen,
            double[] trueClick,
            List<Scored> scores,
            Map<String, double[]> tiers) {}

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--data") || !options.containsKey("--out")) {
            System.err.println("usage: Evaluation --data SIM_DIR --export export.csv [--model model.json] [--at T]"
                    + " [--meta meta.properties] [--world world.md] --out report.md");
            System.exit(2);
        }
        Path data = Path.of(options.get("--data"));
        Map<String, String> parameters = properties(data.resolve("parameters.properties"));
        Instant at = Instant.parse(options.getOrDefault(
                "--at", parameters.get("future.sendAt").split(",")[0].strip()));
        JsonNode model = options.containsKey("--model")
                ? JsonMapper.builder().build().readTree(Files.readString(Path.of(options.get("--model"))))
                : null;
        Map<String, String> meta = options.containsKey("--meta") ? lines(Path.of(options.get("--meta"))) : Map.of();
        Path export = options.containsKey("--export") ? Path.of(options.get("--export")) : null;
        Results results = evaluate(data, export, at, parameters, meta, model);
        String world = options.containsKey("--world") ? Files.readString(Path.of(options.get("--world"))) : "";
        String report = new EvaluationReport(results, world).markdown();
        Path out = Path.of(options.get("--out"));
        Files.writeString(out, report);
        System.out.print(new EvaluationReport(results, world).summary());
        System.err.println("wrote " + out);
    }

    static Results evaluate(
            Path data,
            Path export,
            Instant at,
            Map<String, String> parameters,
            Map<String, String> meta,
            JsonNode model)
            throws IOException {
        Map<String, double[]> truth = truth(data.resolve("truth-future.csv"), at);
        Map<String, String[]> exported = export == null ? unmeasured(truth.keySet()) : export(export);
        List<String> emails = new ArrayList<>();
        for (String email : truth.keySet()) {
            if (exported.containsKey(email)) {
                emails.add(email);
            }
        }
        int notInTruth = 0;
        for (String email : exported.keySet()) {
            if (!truth.containsKey(email)) {
                notInTruth++;
            }
        }
        int n = emails.size();
        double[] trueOpen = new double[n];
        double[] trueClick = new double[n];
        double[] open = new double[n];
        double[] click = new double[n];
        double[] engagement = new double[n];
        double[] rfOpen = new double[n];
        double[] rfClick = new double[n];
        double[] rate = new double[n];
        double[] constant = new double[n];
        HistoryBaseline baseline = HistoryBaseline.read(data.resolve("history.csv"), at);
        Map<String, double[]> parts = parts(data.resolve("truth-future-parts.csv"), at);
        Map<String, double[]> oracle = parts(data.resolve("oracle-future.csv"), at);
        double[] posterior = new double[n];
        double[] state = new double[n];
        double[] time = new double[n];
        Map<String, double[]> tiers = new LinkedHashMap<>(); // count, Σ true p, Σ predicted
        for (int i = 0; i < n; i++) {
            String email = emails.get(i);
            trueOpen[i] = truth.get(email)[0];
            trueClick[i] = truth.get(email)[1];
            String[] row = exported.get(email);
            open[i] = Double.parseDouble(row[2]);
            click[i] = Double.parseDouble(row[3]);
            engagement[i] = row[4].isEmpty() ? Double.NaN : Double.parseDouble(row[4]);
            rfOpen[i] = baseline.recencyWeightedOpenRate(email);
            rfClick[i] = baseline.recencyWeightedClickRate(email);
            rate[i] = baseline.openRate(email);
            constant[i] = baseline.populationOpenRate();
            double[] part = parts.getOrDefault(email, new double[] {Double.NaN, Double.NaN});
            posterior[i] = oracle.getOrDefault(email, new double[] {Double.NaN})[0];
            state[i] = part[0];
            time[i] = part[1];
            double[] tier = tiers.computeIfAbsent(row[5], k -> new double[3]);
            tier[0]++;
            tier[1] += trueOpen[i];
            tier[2] += open[i];
        }
        List<Scored> scores = new ArrayList<>(List.of(
                new Scored("truth", "Bayes-optimal: the true probabilities", true, trueOpen, trueClick),
                new Scored("model", "the model: exported openProbability / clickProbability", true, open, click),
                new Scored(
                        "engagementScore", "the exported engagementScore (0-100, a ranking)", false, engagement, null),
                new Scored(
                        "recency-weighted rate",
                        "cross-check baseline: the open rate with each send weighted 2^(-age/30 d), shrunk to"
                                + " the population's with 2 sends",
                        true,
                        rfOpen,
                        rfClick),
                new Scored(
                        "open rate",
                        "cross-check: the plain open rate, shrunk to the population's with 2 sends",
                        true,
                        rate,
                        null),
                new Scored("constant", "the population's open rate for everyone", true, constant, null)));
        if (!oracle.isEmpty()) {
            scores.add(new Scored(
                    "oracle: posterior",
                    "the posterior mean P(open) under the simulator's own model given which past sends were"
                            + " opened (not when): learning from this history without knowing the person",
                    true,
                    posterior,
                    null));
        }
        if (!parts.isEmpty()) {
            scores.add(new Scored(
                    "oracle: slow state",
                    "knows each person's true level, drift, dormancy and honeymoon at T, not the hour effects",
                    false,
                    state,
                    null));
            scores.add(new Scored(
                    "oracle: hours",
                    "knows each person's true hour and weekend effect at T, nothing else",
                    false,
                    time,
                    null));
        }
        if (export == null) {
            scores.removeIf(
                    score -> score.name().equals("model") || score.name().equals("engagementScore"));
            tiers.clear();
        }
        return new Results(
                at,
                export != null,
                parameters,
                meta,
                model,
                truth.size(),
                exported.size(),
                n,
                truth.size() - n,
                notInTruth,
                trueOpen,
                trueClick,
                scores,
                tiers);
    }

    /** email → (true P(open), true P(click)) of the send at {@code at}. */
    static Map<String, double[]> truth(Path file, Instant at) throws IOException {
        Map<String, double[]> truth = new LinkedHashMap<>();
        String when = at.toString();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] cells = line.split(",", -1);
                if (Instant.parse(cells[1]).toString().equals(when)) {
                    truth.put(cells[0], new double[] {Double.parseDouble(cells[2]), Double.parseDouble(cells[3])});
                }
            }
        }
        if (truth.isEmpty()) {
            throw new IllegalArgumentException("no truth for a send at " + at + " in " + file);
        }
        return truth;
    }

    /**
     * email → the numbers after {@code email,sendAt} of the lines for {@code at} (truth-future-parts.csv:
     * state and time logits; oracle-future.csv: the posterior probability); empty when the file is absent.
     */
    static Map<String, double[]> parts(Path file, Instant at) throws IOException {
        Map<String, double[]> parts = new HashMap<>();
        if (!Files.exists(file)) {
            return parts;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] cells = line.split(",", -1);
                if (Instant.parse(cells[1]).equals(at)) {
                    double[] values = new double[cells.length - 2];
                    for (int c = 2; c < cells.length; c++) {
                        values[c - 2] = Double.parseDouble(cells[c]);
                    }
                    parts.put(cells[0], values);
                }
            }
        }
        return parts;
    }

    /** Rows of an export that was not made: no probability, no tier. */
    private static Map<String, String[]> unmeasured(java.util.Set<String> emails) {
        Map<String, String[]> rows = new HashMap<>();
        for (String email : emails) {
            rows.put(email, new String[] {"", email, "NaN", "NaN", "", ""});
        }
        return rows;
    }

    /** email → the export's cells (contactId,email,openProbability,clickProbability,engagementScore,tier). */
    static Map<String, String[]> export(Path file) throws IOException {
        Map<String, String[]> rows = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            String expected = "contactId,email,openProbability,clickProbability,engagementScore,tier";
            if (header == null || !header.strip().equalsIgnoreCase(expected)) {
                throw new IllegalArgumentException("the export's header is '" + header + "', expected " + expected);
            }
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                rows.put(cells[1].strip().toLowerCase(Locale.ROOT), cells);
            }
        }
        return rows;
    }

    /** {@code key=value} lines in file order (values as written, no escapes). */
    static Map<String, String> lines(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    static Map<String, String> properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new java.util.TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }
}
