package io.iabulk.analytics;

import static io.iabulk.support.Problems.OUT_OF_RANGE_INSTANTS;
import static io.iabulk.support.Problems.assertInvalid;
import static io.iabulk.support.Problems.param;
import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import org.junit.jupiter.api.Test;

/** The time series refuses parameters the database cannot take, instead of failing the query. */
class TimeseriesParametersTest extends HttpTest {

    @Test
    void fromAndToOutsideTheAcceptedRangeAreA400() {
        String path = "/api/v1/analytics/timeseries?type=purchase";

        for (String at : OUT_OF_RANGE_INSTANTS) {
            assertInvalid(admin.get(path + "&to=" + param(at)), "to");
            assertInvalid(admin.get(path + "&from=" + param(at) + "&to=2026-01-01T00:00:00Z"), "from");
        }
        assertThat(admin.get(path + "&from=9999-12-31T00:00:00Z&to=9999-12-31T23:59:59Z")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTypeHoldingANulIsA400() {
        assertInvalid(admin.get("/api/v1/analytics/timeseries?type=purchase%00"), "type");
    }
}
