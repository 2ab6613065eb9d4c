package io.iabulk.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST to an address chosen (and checked) by the caller: the connection goes to that
 * address while the request names the URL's host ({@code Host}, TLS SNI and certificate check), so
 * the address checked against SSRF is the one connected to, whatever DNS answers later. The JDK's
 * HttpClient resolves names itself and cannot be pinned this way. Only the status line is read; a
 * redirect is an answer like any other non-2xx (never followed). One connection per request.
 */
final class PinnedHttpPoster {

    /** What came back: the HTTP status, or null with the error when there was no answer. */
    record Answer(Integer status, String error) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private static final int MAX_STATUS_LINE = 8 * 1024;

    private final SSLSocketFactory tls;

    PinnedHttpPoster() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    PinnedHttpPoster(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** POSTs the JSON body; everything (connect, TLS, write, status line) within {@code timeout}. */
    Answer post(URI url, InetAddress address, Map<String, String> headers, byte[] body, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String host = url.getHost();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), millisLeft(deadline));
            Socket channel = socket;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, unbracketed(host), port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                if (!AddressGuard.isLiteral(host)) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(parameters);
                ssl.setSoTimeout(millisLeft(deadline));
                ssl.startHandshake();
                channel = ssl;
            }
            OutputStream out = channel.getOutputStream();
            out.write(head(url, host, port, https, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return new Answer(statusOf(channel, deadline), null);
        } catch (SocketTimeoutException e) {
            return new Answer(null, "timeout after " + timeout.toMillis() + " ms");
        } catch (IOException | RuntimeException e) {
            return new Answer(null, describe(e));
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to do: the request is over
            }
        }
    }

    private static String head(URI url, String host, int port, boolean https, Map<String, String> headers, int length) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder(256)
                .append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\n")
                .append("Host: ")
                .append(host)
                .append(defaultPort ? "" : ":" + port)
                .append("\r\n")
                .append("User-Agent: IABulk-Webhooks/1\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ")
                .append(length)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    /** Reads up to the end of the status line, each read bounded by the time left. */
    private static int statusOf(Socket channel, long deadline) throws IOException {
        InputStream in = channel.getInputStream();
        byte[] buffer = new byte[1024];
        StringBuilder line = new StringBuilder();
        while (line.length() < MAX_STATUS_LINE) {
            channel.setSoTimeout(millisLeft(deadline));
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            line.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            int end = line.indexOf("\r\n");
            if (end >= 0) {
                line.setLength(end);
                return parseStatus(line.toString());
            }
        }
        throw new IOException("no HTTP status line in the answer");
    }

    static int parseStatus(String line) throws IOException {
        // HTTP/1.1 200 OK
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
            throw new IOException("not an HTTP answer");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + parts[1]);
        }
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
