package io.iabulk.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Streams an upload to a temporary file without holding it in memory: a raw {@code text/csv}
 * body as it comes, a {@code multipart/form-data} body's {@code file} part. Bodies over the limit
 * are refused (413) as soon as they pass it, and their file is deleted.
 */
public final class UploadSpooler {

    /**
     * A spooled upload: the file, the form's file name (null for a raw body), its size in bytes, and
     * the form's fields that came before the file (empty for a raw body).
     */
    public record Upload(Path file, String fileName, long size, Map<String, String> fields) {}

    private final long limit;
    private final Path directory;
    private final String prefix;

    /**
     * @param limit the largest body accepted, in bytes
     * @param directory where uploads are spooled; the system's temporary folder's
     *     {@code iabulk-imports} when null
     * @param prefix the start of the spooled files' names ({@code import-}, {@code history-})
     */
    public UploadSpooler(long limit, Path directory, String prefix) {
        this.limit = limit;
        this.directory =
                directory != null ? directory : Path.of(System.getProperty("java.io.tmpdir"), "iabulk-imports");
        this.prefix = prefix;
    }

    /** The body in a new temporary file; the caller deletes it once it no longer needs it. */
    public Upload spool(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new ContentTooLargeException(limit);
        }
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, prefix, ".upload");
        try (InputStream body = new LimitedInputStream(request.getInputStream(), limit);
                OutputStream out = Files.newOutputStream(file)) {
            String fileName = null;
            Map<String, String> fields = new LinkedHashMap<>();
            MediaType type = MediaType.parseMediaType(request.getContentType());
            if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
                String boundary = type.getParameter("boundary");
                if (boundary == null || boundary.isEmpty()) {
                    throw new InvalidRequestException("file", "the multipart body has no boundary");
                }
                fileName = new MultipartFilePart(body, unquote(boundary)).copyTo("file", out, fields);
            } else {
                body.transferTo(out);
            }
            return new Upload(file, fileName, Files.size(file), Map.copyOf(fields));
        } catch (PayloadTooLargeException e) {
            Files.deleteIfExists(file);
            throw new ContentTooLargeException(e.limit());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
