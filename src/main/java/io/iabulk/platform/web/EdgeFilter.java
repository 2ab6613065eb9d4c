package io.iabulk.platform.web;

import io.iabulk.platform.LimitedInputStream;
import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.StreamedUploadEndpoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first thing every request meets: it gets a request id (echoed when the client sent a sane
 * one, generated otherwise) that is put in every log line, its response gets {@code X-Request-ID},
 * {@code X-Response-Time} and the headers that forbid content sniffing and framing, its body is capped at the configured size, and its duration is
 * recorded as {@code http.server.requests}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EdgeFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = "X-Request-ID";
    static final String RESPONSE_TIME = "X-Response-Time";
    static final String MDC_KEY = "requestId";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final long maxBodyBytes;
    private final ProblemWriter problems;
    private final RequestMetrics metrics;
    private final Set<String> uploadPaths;

    EdgeFilter(
            PlatformProperties properties,
            ProblemWriter problems,
            RequestMetrics metrics,
            List<StreamedUploadEndpoint> uploads) {
        this.maxBodyBytes = properties.maxRequestSize().toBytes();
        this.problems = problems;
        this.metrics = metrics;
        this.uploadPaths = uploads.stream().map(StreamedUploadEndpoint::path).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || !SANE_ID.matcher(requestId).matches()) {
            requestId = newRequestId();
        }
        request.setAttribute(MDC_KEY, requestId);
        MDC.put(MDC_KEY, requestId);
        response.setHeader(REQUEST_ID, requestId);
        // on every answer, pages or not: no content sniffing, no framing (pages add a full policy)
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        TimedResponse timed = new TimedResponse(response, started);
        try {
            if (uploadPaths.contains(request.getRequestURI())) {
                // the handler streams the body to a file and enforces its own limit
                chain.doFilter(request, timed);
                timed.stamp();
                return;
            }
            if (request.getContentLengthLong() > maxBodyBytes) {
                timed.stamp();
                problems.write(request, response, ProblemWriter.payloadTooLarge(maxBodyBytes));
                return;
            }
            HttpServletRequest capped = request.getContentLengthLong() >= 0 || !hasBody(request)
                    ? request
                    : new CappedRequest(request, maxBodyBytes);
            chain.doFilter(capped, timed);
            timed.stamp();
        } finally {
            if (!request.isAsyncStarted()) {
                metrics.record(request, response, System.nanoTime() - started);
            }
            MDC.remove(MDC_KEY);
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    /** Stamps {@code X-Response-Time} just before the response is committed. */
    static final class TimedResponse extends HttpServletResponseWrapper {

        private final long started;
        private boolean stamped;

        TimedResponse(HttpServletResponse response, long started) {
            super(response);
            this.started = started;
        }

        void stamp() {
            if (!stamped && !isCommitted()) {
                stamped = true;
                long micros = (System.nanoTime() - started) / 1_000;
                setHeader(RESPONSE_TIME, (micros / 1000) + "." + String.format("%03d", micros % 1000) + "ms");
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            stamp();
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            stamp();
            super.sendError(sc);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            stamp();
            super.sendRedirect(location);
        }
    }

    /** A request of unknown length whose body stream fails once it passes the limit. */
    static final class CappedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        CappedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CappedStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    /** The servlet side of a {@link LimitedInputStream}: reads count, readiness is the container's. */
    static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final LimitedInputStream limited;

        CappedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limited = new LimitedInputStream(in, limit);
        }

        @Override
        public int read() throws IOException {
            return limited.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return limited.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
