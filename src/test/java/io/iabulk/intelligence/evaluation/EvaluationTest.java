package io.iabulk.intelligence.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class EvaluationTest {

    private static final Instant T = Instant.parse("2026-11-03T14:00:00Z");

    @TempDir
    Path dir;

    @Test
    void comparesTheExportWithTheTruthOfTheFutureSendOnly() throws IOException {
        Files.writeString(dir.resolve("truth-future.csv"), """
                email,sendAt,trueOpenProbability,trueClickProbability
                a@x.test,2026-11-03T14:00:00Z,0.9,0.2
                a@x.test,2026-11-07T09:00:00Z,0.1,0.0
                b@x.test,2026-11-03T14:00:00Z,0.2,0.05
                c@x.test,2026-11-03T14:00:00Z,0.5,0.1
                """);
        Files.writeString(dir.resolve("history.csv"), """
                email,messageId,sentAt,openedAt,clickedAt,opens,clicks,unsubscribedAt,bouncedAt,complainedAt
                a@x.test,m1,2026-10-01T10:00:00Z,2026-10-01T11:00:00Z,,1,0,,,
                b@x.test,m1,2026-10-01T10:00:00Z,,,0,0,,,
                """);
        // c is not exported; d left the list (no truth)
        Path export = dir.resolve("export.csv");
        Files.writeString(export, """
                contactId,email,openProbability,clickProbability,engagementScore,tier
                1,a@x.test,0.8,0.1,80,HIGH
                2,B@x.test,0.3,0.2,30,MEDIUM
                4,d@x.test,0.1,0.0,10,LOW
                """);
        var model = JsonMapper.builder().build().readTree("""
                {"id": 3, "algorithm": "gbt", "status": "ACTIVE",
                 "metrics": {"rocAuc": 0.80, "ece": 0.01, "calibration": [{"predicted": 0.2, "observed": 0.21, "count": 400}]},
                 "baseline": {"rocAuc": 0.79, "ece": 0.03}}
                """);

        Evaluation.Results results = Evaluation.evaluate(dir, export, T, Map.of("seed", "1"), Map.of(), model);

        assertThat(results.joined()).isEqualTo(2);
        assertThat(results.missingFromExport()).isEqualTo(1);
        assertThat(results.notInTruth()).isEqualTo(1);
        assertThat(results.trueOpen()).containsExactly(0.9, 0.2);
        // two people ranked rightly: E[AUC] = Bayes = .9×.8 / (.9×.8 + .2×.1)
        assertThat(ExpectedMetrics.auc(results.scores().get(1).open(), results.trueOpen()))
                .isCloseTo(0.72 / 0.74, within(1e-12));
        String report = new EvaluationReport(results, "## World\n").markdown();
        assertThat(report)
                .contains("| expected ROC-AUC of `openProbability` ≥ 0.92 × the Bayes-optimal one")
                .contains("0.9730 = 1.000 × 0.9730")
                .contains("0.8000 vs 0.7900 (+0.0100) | **falls short** |")
                .contains("| ECE ≤ 0.02 on the time-split hold-out (the API's figure) | 0.0100")
                .contains("1 mailable people of the truth are missing from the export")
                .contains("| HIGH | 1 | 0.8000 | 0.9000 |")
                .contains("## World");
    }

    @Test
    void withoutAnExportItDescribesTheWorldAndSaysNoModelWasMeasured() throws IOException {
        Files.writeString(dir.resolve("truth-future.csv"), """
                email,sendAt,trueOpenProbability,trueClickProbability
                a@x.test,2026-11-03T14:00:00Z,0.9,0.2
                b@x.test,2026-11-03T14:00:00Z,0.2,0.05
                """);
        Files.writeString(dir.resolve("history.csv"), """
                email,messageId,sentAt,openedAt,clickedAt,opens,clicks,unsubscribedAt,bouncedAt,complainedAt
                a@x.test,m1,2026-10-01T10:00:00Z,2026-10-01T11:00:00Z,,1,0,,,
                """);

        Evaluation.Results results = Evaluation.evaluate(dir, null, T, Map.of(), Map.of(), null);
        String report = new EvaluationReport(results, "").markdown();

        assertThat(results.measured()).isFalse();
        assertThat(results.scores()).extracting(Evaluation.Scored::name).doesNotContain("model", "engagementScore");
        assertThat(report)
                .contains("**Not measured yet.**")
                .contains("| truth | 0.9730 | 1.000 |")
                .doesNotContain("Tiers of the export");
    }

    @Test
    void refusesAnExportWithAnotherHeader() throws IOException {
        Path export = dir.resolve("export.csv");
        Files.writeString(export, "id,email,p\n1,a@x.test,0.5\n");

        assertThatThrownBy(() -> Evaluation.export(export)).hasMessageContaining("the export's header");
    }
}
