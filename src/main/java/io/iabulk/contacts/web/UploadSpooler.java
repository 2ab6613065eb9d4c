package io.iabulk.contacts.web;

import io.iabulk.contacts.ContactsProperties;
import io.iabulk.platform.ContentTooLargeException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.LimitedInputStream;
import io.iabulk.platform.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Streams an upload to a temporary file without holding it in memory: a raw {@code text/csv}
 * body as it comes, a {@code multipart/form-data} body's {@code file} part. Bodies over the limit
 * are refused (413) as soon as they pass it, and their file is deleted.
 */
@Component
class UploadSpooler {

    /** A spooled upload. */
    record Upload(Path file, String fileName, long size) {}

    private final long limit;
    private final Path directory;

    UploadSpooler(ContactsProperties properties) {
        this.limit = properties.imports().maxSize().toBytes();
        Path configured = properties.imports().tempDir();
        this.directory =
                configured != null ? configured : Path.of(System.getProperty("java.io.tmpdir"), "iabulk-imports");
    }

    Upload spool(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new ContentTooLargeException(limit);
        }
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "import-", ".csv");
        try (InputStream body = new LimitedInputStream(request.getInputStream(), limit);
                OutputStream out = Files.newOutputStream(file)) {
            String fileName = null;
            MediaType type = MediaType.parseMediaType(request.getContentType());
            if (MediaType.MULTIPART_FORM_DATA.includes(type)) {
                String boundary = type.getParameter("boundary");
                if (boundary == null || boundary.isEmpty()) {
                    throw new InvalidRequestException("file", "the multipart body has no boundary");
                }
                fileName = new MultipartFilePart(body, unquote(boundary)).copyTo("file", out);
            } else {
                body.transferTo(out);
            }
            return new Upload(file, fileName, Files.size(file));
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
