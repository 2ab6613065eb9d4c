package io.iabulk.platform.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for the requests it refuses itself, before any filter or servlet runs (an
 * encoded {@code /} or a NUL in the address, a malformed request line): problem+json like every
 * other error of the API, instead of the container's HTML page. It knows no request id, since the
 * edge filter never saw the request.
 */
final class ContainerErrorValve extends ErrorReportValve {

    private static final String TYPE_PREFIX = "urn:iabulk:problem:";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        // only an error nobody answered yet (setErrorReported is true for the first reporter)
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
            // a request line naming HTTP/9.9 is the client's mistake, not a failure of ours
            code = HttpStatus.BAD_REQUEST.value();
            response.setStatus(code);
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = code >= 500
                ? "Something went wrong on our side; try again later"
                : "The server could not read the request: check that the address is well formed (no encoded"
                        + " '/' or NUL, valid percent-encoding, not over 8 KB) and so are the headers";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + TYPE_PREFIX + title.toLowerCase().replace(' ', '-') + "\",\"title\":\""
                        + title + "\",\"status\":" + code + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response cannot take a body: nothing left to answer
        }
    }
}
