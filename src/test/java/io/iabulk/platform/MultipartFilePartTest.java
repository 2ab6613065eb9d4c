package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFilePartTest {

    private static final String BOUNDARY = "xYz--boundary";

    /** A stream that hands out a few bytes per read, so delimiters straddle reads. */
    private static InputStream trickle(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    @Test
    void copiesTheNamedPartEvenWhenItsContentLooksLikeABoundary() throws IOException {
        String content = "email\r\na@example.com\r\n--xYz--boundar\r\n--xYz-";
        String body = "preamble\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"other\"\r\n\r\nvalue\r\n"
                + "--" + BOUNDARY + "  \r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + content + "\r\n--" + BOUNDARY + "--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        String fileName = new MultipartFilePart(trickle(body), BOUNDARY).copyTo("file", out);

        assertThat(fileName).isEqualTo("c.csv");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    void aBodyWithoutThePartOrCutShortIsRefused() {
        String noFile =
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--" + BOUNDARY + "--\r\n";
        String cut = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nemail\r\n";

        assertThatThrownBy(() ->
                        new MultipartFilePart(trickle(noFile), BOUNDARY).copyTo("file", new ByteArrayOutputStream()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(
                        () -> new MultipartFilePart(trickle(cut), BOUNDARY).copyTo("file", new ByteArrayOutputStream()))
                .isInstanceOf(InvalidRequestException.class);
    }
}
