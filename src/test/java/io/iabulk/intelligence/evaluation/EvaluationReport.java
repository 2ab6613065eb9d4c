package io.iabulk.intelligence.evaluation;

import io.iabulk.intelligence.evaluation.Evaluation.Results;
import io.iabulk.intelligence.evaluation.Evaluation.Scored;
import io.iabulk.intelligence.learning.Metrics;
import io.iabulk.intelligence.learning.Metrics.Calibration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Writes the evaluation as Markdown (docs/ai-evaluation.md) and as a short summary for the console. */
final class EvaluationReport {

    static final double AUC_RATIO_TARGET = 0.92;
    static final double BASELINE_MARGIN_TARGET = 0.02;
    static final double ECE_TARGET = 0.02;
    private static final String[] METRICS = {"rocAuc", "prAuc", "logLoss", "brier", "ece", "liftAt10"};

    private final Results r;
    private final String world;
    private final double bayes;
    private final double modelAuc;
    private final double modelEce;
    private final double crossCheckAuc;

    EvaluationReport(Results results, String world) {
        this.r = results;
        this.world = world;
        this.bayes = ExpectedMetrics.bayesAuc(r.trueOpen());
        this.modelAuc = r.measured() ? ExpectedMetrics.auc(score("model").open(), r.trueOpen()) : Double.NaN;
        this.modelEce = r.measured() ? ExpectedMetrics.ece(score("model").open(), r.trueOpen()) : Double.NaN;
        this.crossCheckAuc = ExpectedMetrics.auc(score("recency-weighted rate").open(), r.trueOpen());
    }

    String summary() {
        if (!r.measured()) {
            return f(
                    "T=%s people=%d: Bayes-optimal E[AUC] %.4f, cross-check baseline E[AUC] %.4f; no model measured%n",
                    r.at(), r.truthPeople(), bayes, crossCheckAuc);
        }
        return f(
                "T=%s people=%d: Bayes-optimal E[AUC] %.4f, model E[AUC] %.4f (%.3f x Bayes), cross-check baseline"
                        + " E[AUC] %.4f, model E[ECE] %.4f; API hold-out AUC model %s baseline %s, ECE %s%n",
                r.at(),
                r.joined(),
                bayes,
                modelAuc,
                modelAuc / bayes,
                crossCheckAuc,
                modelEce,
                api("metrics", "rocAuc"),
                api("baseline", "rocAuc"),
                api("metrics", "ece"));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        boolean standIn = "true".equals(r.meta().get("stand_in"));
        md.append("# AI evaluation: the engagement model against a simulated world\n\n");
        if (standIn) {
            md.append("> **STAND-IN RUN: the application was a fake (bench/intelligence/test/fake-app.py).**"
                    + " These figures test the script's plumbing and measure nothing.\n\n");
        }
        md.append("Written by `bench/intelligence/evaluate.sh` (do not edit by hand: rerun it). The simulator draws a"
                + " population and the history of past campaigns a previous mailer sent them; the script imports"
                + " both through the public API, trains, exports the predictions for a future send T and compares"
                + " them with the probabilities the simulator knows to be true. How to read each metric: README,"
                + " \"Predictions\".\n\n");
        verdict(md);
        run(md);
        apiMetrics(md);
        truth(md);
        if (!world.isBlank()) {
            md.append(world.strip()).append("\n\n");
        }
        md.append("## Parameters of this run\n\n<details><summary>bench/intelligence/simulator.properties with the"
                + " run's overrides</summary>\n\n```properties\n");
        r.parameters().forEach((k, v) -> md.append(k).append('=').append(v).append('\n'));
        md.append("```\n\n</details>\n");
        return md.toString();
    }

    private void verdict(StringBuilder md) {
        if (!r.measured()) {
            md.append(f("""
                    ## Verdict

                    **Not measured yet.** No model was evaluated in this run: the training and prediction
                    endpoints were not part of the build that wrote this file. Run `bench/intelligence/evaluate.sh`
                    on a build that has them; it replaces this file with the model's figures and the verdict on
                    the targets (expected ROC-AUC of `openProbability` ≥ 0.92 × the Bayes-optimal %.4f, i.e.
                    ≥ %.4f; ROC-AUC ≥ the baseline's + 0.02; ECE ≤ 0.02). The figures below describe the
                    simulated world alone: what the truth, simple scores and oracles achieve at T.

                    """, bayes, AUC_RATIO_TARGET * bayes));
            return;
        }
        md.append("## Verdict\n\n| target | measured | result |\n|---|---|---|\n");
        double ratio = modelAuc / bayes;
        row(
                md,
                "expected ROC-AUC of `openProbability` ≥ 0.92 × the Bayes-optimal one (truth at T)",
                f("%.4f = %.3f × %.4f (target ≥ %.4f)", modelAuc, ratio, bayes, AUC_RATIO_TARGET * bayes),
                ratio >= AUC_RATIO_TARGET);
        double apiModel = apiValue("metrics", "rocAuc");
        double apiBaseline = apiValue("baseline", "rocAuc");
        row(
                md,
                "ROC-AUC ≥ baseline + 0.02 on the time-split hold-out (the API's figures)",
                f("%.4f vs %.4f (%+.4f)", apiModel, apiBaseline, apiModel - apiBaseline),
                Double.isNaN(apiModel) || Double.isNaN(apiBaseline)
                        ? null
                        : apiModel - apiBaseline >= BASELINE_MARGIN_TARGET);
        row(
                md,
                "expected ROC-AUC ≥ cross-check baseline + 0.02 (truth at T)",
                f("%.4f vs %.4f (%+.4f)", modelAuc, crossCheckAuc, modelAuc - crossCheckAuc),
                modelAuc - crossCheckAuc >= BASELINE_MARGIN_TARGET);
        double apiEce = apiValue("metrics", "ece");
        row(
                md,
                "ECE ≤ 0.02 on the time-split hold-out (the API's figure)",
                f(
                        "%.4f (a perfectly calibrated model would show about %.4f from sampling alone)",
                        apiEce, eceNoiseFloor()),
                Double.isNaN(apiEce) ? null : apiEce <= ECE_TARGET);
        row(
                md,
                "expected ECE ≤ 0.02: `openProbability` vs the true probabilities at T",
                f("%.4f", modelEce),
                modelEce <= ECE_TARGET);
        md.append('\n');
        StringBuilder shortfalls = new StringBuilder();
        if (ratio < AUC_RATIO_TARGET) {
            shortfalls.append(f(
                    "- The model ranks people for T at %.3f × the best possible ranking, below 0.92: it"
                            + " misses %.4f of expected AUC against the %.4f that knowing every person's true probability"
                            + " gives.\n",
                    ratio, AUC_RATIO_TARGET * bayes - modelAuc, bayes));
        }
        if (!Double.isNaN(apiModel) && !Double.isNaN(apiBaseline) && apiModel - apiBaseline < BASELINE_MARGIN_TARGET) {
            shortfalls.append(f(
                    "- On its own hold-out the model beats the recency/frequency baseline by only %+.4f"
                            + " ROC-AUC (target +0.02).\n",
                    apiModel - apiBaseline));
        }
        if (modelAuc - crossCheckAuc < BASELINE_MARGIN_TARGET) {
            shortfalls.append(f(
                    "- Against the truth, the model is only %+.4f expected AUC above a recency-weighted"
                            + " open rate computed with a spreadsheet from the same history.\n",
                    modelAuc - crossCheckAuc));
        }
        if (!Double.isNaN(apiEce) && apiEce > ECE_TARGET) {
            shortfalls.append(f("- The hold-out ECE %.4f is above 0.02.\n", apiEce));
        }
        if (modelEce > ECE_TARGET) {
            shortfalls.append(f(
                    "- The exported probabilities for T are off the true ones by %.4f on average over"
                            + " the calibration bins (target ≤ 0.02); see the calibration table against the truth.\n",
                    modelEce));
        }
        if (r.missingFromExport() > 0) {
            shortfalls.append(f(
                    "- %d mailable people of the truth are missing from the export (not scored).\n",
                    r.missingFromExport()));
        }
        md.append(
                shortfalls.isEmpty()
                        ? "The model meets every target on this run.\n\n"
                        : "Where the model falls short:\n\n" + shortfalls + "\n");
    }

    private void run(StringBuilder md) {
        Map<String, String> m = r.meta();
        md.append("## The run\n\n");
        md.append("| | |\n|---|---|\n");
        row2(md, "command", "`" + m.getOrDefault("command", "bench/intelligence/evaluate.sh") + "`");
        for (String key : List.of("date", "machine", "jdk", "store", "app", "simulator_commit")) {
            if (m.containsKey(key)) {
                row2(md, key.replace('_', ' '), m.get(key));
            }
        }
        row2(md, "seed", r.parameters().getOrDefault("seed", "?"));
        row2(md, "people", r.parameters().getOrDefault("people", "?"));
        row2(
                md,
                "history",
                r.parameters().get("history.start") + " … " + r.parameters().get("history.end"));
        row2(md, "future send T", r.at().toString());
        m.forEach((k, v) -> {
            if (k.startsWith("step.")) {
                row2(md, k.substring(5).replace('_', ' '), v);
            }
        });
        if (!r.measured()) {
            row2(md, "people at T", f("%d mailable people in the truth", r.truthPeople()));
            md.append('\n');
            return;
        }
        row2(
                md,
                "people compared at T",
                f(
                        "%d (truth: %d mailable people; export: %d rows; %d exported rows are"
                                + " people who left the list)",
                        r.joined(), r.truthPeople(), r.exportRows(), r.notInTruth()));
        md.append('\n');
    }

    private void apiMetrics(StringBuilder md) {
        md.append("## The model and its time-split hold-out (as the API reports them)\n\n");
        JsonNode model = r.model();
        if (model == null) {
            md.append(
                    r.measured()
                            ? "No model was read (GET /api/v1/models/{id} failed).\n\n"
                            : "Not measured in this run.\n\n");
            return;
        }
        md.append(f(
                "Model %s: `%s`, status %s, created %s.  \n",
                text(model, "id"), text(model, "algorithm"), text(model, "status"), text(model, "createdAt")));
        md.append(f(
                "Trained on %s; validated on %s.  \n", range(model.get("trainedOn")), range(model.get("validatedOn"))));
        JsonNode features = model.get("features");
        if (features != null && features.isArray()) {
            StringBuilder names = new StringBuilder();
            features.forEach(
                    f -> names.append(names.isEmpty() ? "" : ", ").append(f.isString() ? f.asString() : f.toString()));
            md.append(f("Features (%d): %s.\n\n", features.size(), names));
        } else {
            md.append('\n');
        }
        md.append("| metric | model | baseline (recency/frequency) | model − baseline |\n|---|---|---|---|\n");
        for (String metric : METRICS) {
            double a = apiValue("metrics", metric);
            double b = apiValue("baseline", metric);
            md.append(f(
                    "| %s | %s | %s | %s |\n",
                    metric, num(a), num(b), Double.isNaN(a) || Double.isNaN(b) ? "" : f("%+.4f", a - b)));
        }
        md.append('\n');
        for (String part : List.of("metrics", "baseline")) {
            JsonNode calibration = model.path(part).path("calibration");
            if (calibration.isArray() && !calibration.isEmpty()) {
                md.append(f(
                        "Calibration on the hold-out, %s:\n\n| predicted | observed | count |\n|---|---|---|\n",
                        part.equals("metrics") ? "model" : "baseline"));
                calibration.forEach(c -> md.append(f(
                        "| %.4f | %.4f | %d |\n",
                        c.path("predicted").asDouble(),
                        c.path("observed").asDouble(),
                        c.path("count").asLong())));
                md.append('\n');
            }
        }
        md.append(f(
                "<details><summary>GET /api/v1/models/%s</summary>\n\n```json\n%s\n```\n\n</details>\n\n",
                text(model, "id"), model.toPrettyString()));
    }

    private void truth(StringBuilder md) {
        md.append(f("## Against the true probabilities of a send at T = %s\n\n", r.at()));
        md.append("Expected metrics: what each score measures on average over every draw of the outcomes of T (no"
                + " sampling noise). E[ROC-AUC] = Σ p_i (1 − p_j) [s_i > s_j] (+½ for ties) / Σ p_i (1 − p_j) over"
                + " i ≠ j; the Bayes-optimal score ranks by the true p itself. E[ECE] compares each of 10"
                + " equal-width bins of the predicted probability with the mean true probability in it.\n\n");
        md.append(
                "| score (P(open)) | E[ROC-AUC] | × Bayes | E[ECE] | E[log-loss] | E[Brier] | E[lift@10%] | mean |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Scored s : r.scores()) {
            if (hasNaN(s.open())) {
                continue;
            }
            double auc = ExpectedMetrics.auc(s.open(), r.trueOpen());
            boolean probability = s.probability();
            md.append(f(
                    "| %s | %.4f | %.3f | %s | %s | %s | %.3f | %s |\n",
                    s.name(),
                    auc,
                    auc / bayes,
                    probability ? f("%.4f", ExpectedMetrics.ece(s.open(), r.trueOpen())) : "",
                    probability ? f("%.4f", ExpectedMetrics.logLoss(s.open(), r.trueOpen())) : "",
                    probability ? f("%.4f", ExpectedMetrics.brier(s.open(), r.trueOpen())) : "",
                    ExpectedMetrics.lift(s.open(), r.trueOpen(), 0.10),
                    probability ? f("%.4f", Metrics.mean(s.open())) : ""));
        }
        md.append('\n');
        for (Scored s : r.scores()) {
            md.append(f("- **%s**: %s\n", s.name(), s.description()));
        }
        md.append(f("- the mean true P(open) at T is %.4f.\n\n", Metrics.mean(r.trueOpen())));
        reading(md);

        double bayesClick = ExpectedMetrics.bayesAuc(r.trueClick());
        md.append(
                "| score (P(click)) | E[ROC-AUC] | × Bayes | E[ECE] | E[log-loss] | mean |\n|---|---|---|---|---|---|\n");
        for (Scored s : r.scores()) {
            if (s.click() == null) {
                continue;
            }
            double auc = ExpectedMetrics.auc(s.click(), r.trueClick());
            md.append(f(
                    "| %s | %.4f | %.3f | %.4f | %.4f | %.4f |\n",
                    s.name(),
                    auc,
                    auc / bayesClick,
                    ExpectedMetrics.ece(s.click(), r.trueClick()),
                    ExpectedMetrics.logLoss(s.click(), r.trueClick()),
                    Metrics.mean(s.click())));
        }
        md.append('\n');

        if (!r.measured()) {
            return;
        }
        md.append("Calibration of the exported `openProbability` against the truth at T:\n\n"
                + "| predicted | mean true probability | count |\n|---|---|---|\n");
        for (Calibration c : ExpectedMetrics.calibration(score("model").open(), r.trueOpen())) {
            md.append(f("| %.4f | %.4f | %d |\n", c.predicted(), c.observed(), c.count()));
        }
        md.append("\nTiers of the export:\n\n| tier | people | mean predicted P(open) | mean true P(open) |\n"
                + "|---|---|---|---|\n");
        r.tiers()
                .forEach((tier, v) ->
                        md.append(f("| %s | %d | %.4f | %.4f |\n", tier, (long) v[0], v[2] / v[0], v[1] / v[0])));
        md.append('\n');
    }

    /** What the yardsticks say about the targets in this world. */
    private void reading(StringBuilder md) {
        var posterior = r.scores().stream()
                .filter(s -> s.name().equals("oracle: posterior"))
                .findFirst();
        if (posterior.isEmpty()) {
            return;
        }
        double oracleAuc = ExpectedMetrics.auc(posterior.get().open(), r.trueOpen());
        md.append(f(
                "Reading these yardsticks: learning from which past sends were opened, with the world's own"
                        + " model, reaches %.3f × Bayes (the posterior oracle); the recency-weighted open rate"
                        + " reaches %.3f ×. The target 0.92 × Bayes is %s the oracle; \"cross-check baseline"
                        + " + 0.02\" would be %.4f = %.3f × Bayes, %s the oracle. Knowing each person's slow state"
                        + " exactly (level, drift, dormancy) is worth far more at T than knowing their hours: the"
                        + " gap between the posterior and the truth is mostly the noise of about 20 opens per"
                        + " person.\n\n",
                oracleAuc / bayes,
                crossCheckAuc / bayes,
                AUC_RATIO_TARGET * bayes <= oracleAuc ? "within reach of" : "above",
                crossCheckAuc + BASELINE_MARGIN_TARGET,
                (crossCheckAuc + BASELINE_MARGIN_TARGET) / bayes,
                crossCheckAuc + BASELINE_MARGIN_TARGET <= oracleAuc ? "within reach of" : "above"));
    }

    /** E[sampled ECE] of a perfectly calibrated model on the hold-out, from its calibration table. */
    private double eceNoiseFloor() {
        JsonNode calibration =
                r.model() == null ? null : r.model().path("metrics").path("calibration");
        if (calibration == null || !calibration.isArray() || calibration.isEmpty()) {
            return Double.NaN;
        }
        double total = 0;
        double sum = 0;
        for (JsonNode c : calibration) {
            double p = c.path("predicted").asDouble();
            long n = c.path("count").asLong();
            if (n > 0) {
                // E|mean of n Bernoulli(p) − p| ≈ sqrt(2 p (1 − p) / (π n))
                sum += n * Math.sqrt(2 * p * (1 - p) / (Math.PI * n));
                total += n;
            }
        }
        return total == 0 ? Double.NaN : sum / total;
    }

    private Scored score(String name) {
        return r.scores().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String api(String part, String metric) {
        return num(apiValue(part, metric));
    }

    private double apiValue(String part, String metric) {
        if (r.model() == null) {
            return Double.NaN;
        }
        JsonNode value = r.model().path(part).path(metric);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static String range(JsonNode range) {
        if (range == null || range.isNull() || range.isMissingNode()) {
            return "?";
        }
        return f(
                "%s … %s, %s examples, %s positives",
                text(range, "from"), text(range, "to"), text(range, "examples"), text(range, "positives"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "?" : value.isString() ? value.asString() : value.toString();
    }

    private static void row(StringBuilder md, String target, String measured, Boolean met) {
        md.append("| ")
                .append(target)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(met == null ? "not reported" : met ? "meets" : "**falls short**")
                .append(" |\n");
    }

    private static void row2(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    private static boolean hasNaN(double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    private static String num(double value) {
        return Double.isNaN(value) ? "n/a" : f("%.4f", value);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
