package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class GzipTest {

    @Test
    void gzipIsAcceptedWhenListedWithAWeightAboveZero() {
        assertThat(accepts("gzip")).isTrue();
        assertThat(accepts("br, GZIP;q=0.5")).isTrue();
        assertThat(accepts("x-gzip")).isTrue();
        assertThat(accepts("deflate", "gzip ; q=1")).isTrue();
    }

    @Test
    void gzipIsRefusedWhenAbsentWeighedZeroOrUnreadable() {
        assertThat(accepts()).isFalse();
        assertThat(accepts("identity")).isFalse();
        assertThat(accepts("gzip;q=0")).isFalse();
        assertThat(accepts("gzip;q=0.000")).isFalse();
        assertThat(accepts("gzip;q=abc")).isFalse();
        assertThat(accepts("gzip;q=NaN")).isFalse();
        assertThat(accepts("*")).as("like Tomcat, * does not count").isFalse();
        assertThat(accepts("gzipped, notgzip")).isFalse();
    }

    @Test
    void aCompressedBodyInflatesToTheOriginal() throws IOException {
        byte[] body = "{\"entries\":[]}".repeat(200).getBytes(StandardCharsets.UTF_8);

        byte[] compressed = Gzip.compress(body);

        assertThat(compressed.length).isLessThan(body.length / 10);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(compressed)).readAllBytes())
                .isEqualTo(body);
    }

    private static boolean accepts(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        for (String header : headers) {
            request.addHeader("Accept-Encoding", header);
        }
        return Gzip.accepted(request);
    }
}
