package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
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

    @Test
    void piecesCompressedApartJoinIntoOneStreamOfTheWholeText() throws IOException {
        byte[] before = "<html><head><title>Café — contest</title></head><body>"
                .repeat(40)
                .getBytes(StandardCharsets.UTF_8);
        byte[] after = "</main><footer>Terms</footer></body></html>".repeat(30).getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        byte[] noise = new byte[300_000]; // incompressible and larger than any one output buffer
        random.nextBytes(noise);
        for (byte[] middle : List.of(new byte[0], "<p>Rank 12 — 名前</p>".getBytes(StandardCharsets.UTF_8), noise)) {
            byte[] whole = ByteBuffer.allocate(before.length + middle.length + after.length)
                    .put(before)
                    .put(middle)
                    .put(after)
                    .array();

            byte[] joined = Gzip.member(
                    new byte[][] {
                        Gzip.piece(before, Deflater.BEST_COMPRESSION, false),
                        Gzip.piece(middle, Deflater.BEST_SPEED, false),
                        Gzip.piece(after, Deflater.BEST_COMPRESSION, true)
                    },
                    new byte[][] {before, middle, after});

            // GZIPInputStream checks the trailer's CRC-32 and size against what it inflated
            assertThat(new GZIPInputStream(new ByteArrayInputStream(joined)).readAllBytes())
                    .as("%d bytes in the middle", middle.length)
                    .isEqualTo(whole);
            assertThat(inflatedIn(joined)).as("one DEFLATE stream, ended once").isEqualTo(whole.length);
        }
    }

    /** Inflates the member's DEFLATE data by itself: it must end exactly before the 8-byte trailer. */
    private static int inflatedIn(byte[] member) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(member, 10, member.length - 10);
            byte[] out = new byte[1 << 20];
            int total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(out);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new AssertionError("the stream stopped before its final block");
                }
                total += n;
            }
            assertThat(inflater.getRemaining()).as("only the trailer follows").isEqualTo(8);
            return total;
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }

    private static boolean accepts(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        for (String header : headers) {
            request.addHeader("Accept-Encoding", header);
        }
        return Gzip.accepted(request);
    }
}
