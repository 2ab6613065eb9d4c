package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
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

        Map<String, String> fields = new HashMap<>();
        String fileName = new MultipartFilePart(trickle(body), BOUNDARY).copyTo("file", out, fields);

        assertThat(fileName).isEqualTo("c.csv");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(content);
        assertThat(fields).containsExactly(Map.entry("other", "value"));
    }

    @Test
    void aBodyWithoutThePartOrCutShortIsRefused() {
        String noFile =
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--" + BOUNDARY + "--\r\n";
        String cut = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nemail\r\n";

        assertThatThrownBy(() -> new MultipartFilePart(trickle(noFile), BOUNDARY)
                        .copyTo("file", new ByteArrayOutputStream(), new HashMap<>()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> new MultipartFilePart(trickle(cut), BOUNDARY)
                        .copyTo("file", new ByteArrayOutputStream(), new HashMap<>()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theFormsFieldsAroundTheFileAreReadAndBounded() throws IOException {
        String ok = part("status", "unsubscribed") + part("note", "é".repeat(512))
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.csv\"\r\n\r\n"
                + "email\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"after\"\r\n\r\nread too\r\n--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"photo\"; filename=\"p.png\"\r\n\r\nskipped\r\n--"
                + BOUNDARY + "--\r\n";
        Map<String, String> fields = new HashMap<>();

        new MultipartFilePart(trickle(ok), BOUNDARY).copyTo("file", new ByteArrayOutputStream(), fields);

        assertThat(fields)
                .containsOnly(
                        Map.entry("status", "unsubscribed"),
                        Map.entry("note", "é".repeat(512)),
                        Map.entry("after", "read too"));

        String tooLong = part("status", "x".repeat(MultipartFilePart.MAX_FIELD + 1)) + filePart();
        assertThatThrownBy(() -> new MultipartFilePart(trickle(tooLong), BOUNDARY)
                        .copyTo("file", new ByteArrayOutputStream(), new HashMap<>()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().getFirst().message()).contains("'status' over 1024 bytes"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= MultipartFilePart.MAX_FIELDS; i++) {
            many.append(part("f" + i, "v"));
        }
        String tooMany = many + filePart();
        assertThatThrownBy(() -> new MultipartFilePart(trickle(tooMany), BOUNDARY)
                        .copyTo("file", new ByteArrayOutputStream(), new HashMap<>()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().getFirst().message()).contains("more than 16 form fields"));
        String twoFiles = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "\r\nemail\r\n" + filePart();
        assertThatThrownBy(() -> new MultipartFilePart(trickle(twoFiles), BOUNDARY)
                        .copyTo("file", new ByteArrayOutputStream(), new HashMap<>()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().getFirst().message()).contains("two parts named 'file'"));
    }

    private static String part(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String filePart() {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.csv\"\r\n\r\n"
                + "email\r\n--" + BOUNDARY + "--\r\n";
    }
}
