package io.iabulk.intelligence.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryBaselineTest {

    @TempDir
    Path dir;

    @Test
    void shrinksEachOpenRateTowardsThePopulationsAndWeighsRecentSendsMore() throws IOException {
        Path history = dir.resolve("history.csv");
        Files.writeString(history, """
                email,messageId,sentAt,openedAt,clickedAt,opens,clicks,unsubscribedAt,bouncedAt,complainedAt
                a@x.test,m1,2026-01-01T10:00:00Z,2026-01-01T11:00:00Z,,1,0,,,
                a@x.test,m2,2026-01-31T10:00:00Z,,,0,0,,,
                b@x.test,m1,2026-01-01T10:00:00Z,,,0,0,,,
                b@x.test,m2,2026-01-31T10:00:00Z,2026-01-31T12:00:00Z,2026-01-31T12:01:00Z,1,1,,,
                c@x.test,m2,2026-01-31T10:00:00Z,,,0,0,,2026-01-31T10:01:00Z,
                b@x.test,m3,2026-03-02T10:00:00Z,2026-03-02T11:00:00Z,,1,0,,,
                """);
        // at 2026-03-02T10:00: m3 is not sent yet; c's bounce is no delivery
        HistoryBaseline baseline = HistoryBaseline.read(history, Instant.parse("2026-03-02T10:00:00Z"));

        assertThat(baseline.populationOpenRate()).isEqualTo(0.5); // 2 opens in 4 delivered sends
        assertThat(baseline.openRate("a@x.test")).isCloseTo((1 + 2 * 0.5) / (2 + 2), within(1e-12));
        assertThat(baseline.openRate("nobody@x.test")).isEqualTo(0.5);
        // ages 60 and 30 days: weights ¼ and ½; a opened the old one, b the recent one
        assertThat(baseline.recencyWeightedOpenRate("a@x.test")).isCloseTo((0.25 + 1) / (0.75 + 2), within(1e-12));
        assertThat(baseline.recencyWeightedOpenRate("b@x.test")).isCloseTo((0.5 + 1) / (0.75 + 2), within(1e-12));
        assertThat(baseline.recencyWeightedClickRate("b@x.test"))
                .isCloseTo((0.5 + 2 * 0.25) / (0.75 + 2), within(1e-12));
    }
}
