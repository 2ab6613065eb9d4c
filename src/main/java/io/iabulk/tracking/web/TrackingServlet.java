package io.iabulk.tracking.web;

import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.PublicRateLimits;
import io.iabulk.tracking.SignedClick;
import io.iabulk.tracking.TrackingLinks;
import io.iabulk.tracking.internal.HitRecorder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The open pixel ({@code /t/o/{token}}) and click redirects ({@code /t/c/{token}}) of messages. A
 * token that is not ours (changed, of another purpose) or names no send is a 404, never a
 * redirect. A hit is recorded before the answer (see {@link HitRecorder}); a {@code HEAD} request
 * is answered alike but records nothing (no mail client fetches an image or follows a link with
 * it).
 *
 * <p>A plain servlet rather than a controller: these are the hottest requests of the service
 * (every open and click of every campaign) and their answers are fixed, so Spring MVC's handler
 * lookup, content negotiation and converters are pure cost (docs/benchmarks.md). The edge filter
 * still applies (request id, metrics, body cap); the rate limit of the {@code tracking} group is
 * taken here, as the edge takes it for {@code @PublicEndpoint} handlers.
 */
class TrackingServlet extends HttpServlet {

    static final String OPEN = "/t/o";
    static final String CLICK = "/t/c";
    static final String RATE_LIMIT_GROUP = "tracking";

    /** A 1×1 transparent GIF (43 bytes). */
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    /** The problem details of an unknown link, written once (no request id: this path is hot and fixed). */
    private static final byte[] NOT_FOUND = ("{\"type\":\"urn:iabulk:problem:not-found\",\"title\":\"Not Found\","
                    + "\"status\":404,\"detail\":\"This link is not one of ours, or its message no longer exists\"}")
            .getBytes(StandardCharsets.UTF_8);

    private static final String CLICK_TOKEN = "iab_click";
    /** Every answer is per hit: a cached pixel or redirect would hide the next open or click. */
    private static final String NO_STORE = "no-store, max-age=0";

    private final transient TrackingLinks links;
    private final transient HitRecorder recorder;
    private final transient DeliveryService delivery;
    private final transient ClientAddresses clients;
    private final transient PublicRateLimits rateLimits;

    TrackingServlet(
            TrackingLinks links,
            HitRecorder recorder,
            DeliveryService delivery,
            ClientAddresses clients,
            PublicRateLimits rateLimits) {
        this.links = links;
        this.recorder = recorder;
        this.delivery = delivery;
        this.clients = clients;
        this.rateLimits = rateLimits;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response, false);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, boolean record) throws IOException {
        String path = request.getServletPath();
        // the route template for the request metrics, as Spring MVC would set it
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, path + "/{token}");
        if (!rateLimits.admit(RATE_LIMIT_GROUP, request, response)) {
            return;
        }
        String token = token(request);
        if (OPEN.equals(path)) {
            open(token, request, response, record);
        } else {
            click(token, request, response, record);
        }
    }

    private void open(String token, HttpServletRequest request, HttpServletResponse response, boolean record)
            throws IOException {
        OptionalLong send = token == null ? OptionalLong.empty() : links.openSend(token);
        if (send.isEmpty() || !hit(send.getAsLong(), null, request, record)) {
            notFound(response);
            return;
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        write(response, HttpServletResponse.SC_OK, "image/gif", PIXEL);
    }

    private void click(String token, HttpServletRequest request, HttpServletResponse response, boolean record)
            throws IOException {
        Optional<SignedClick> signed = token == null ? Optional.empty() : links.click(token);
        if (signed.isEmpty() || !hit(signed.get().sendId(), signed.get(), request, record)) {
            notFound(response);
            return;
        }
        SignedClick click = signed.get();
        String target = click.appendClickToken()
                ? RedirectTargets.withParameter(click.url(), CLICK_TOKEN, links.conversionToken(click.sendId()))
                : click.url();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader(HttpHeaders.LOCATION, RedirectTargets.asciiOnly(target));
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        response.setContentLength(0);
    }

    /** The token of {@code /t/x/{token}}, or null when the path has none or more segments. */
    private static String token(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.length() < 2 || info.indexOf('/', 1) >= 0) {
            return null;
        }
        return info.substring(1);
    }

    /** Records the hit (not for HEAD); false when the token's send does not exist. */
    private boolean hit(long sendId, SignedClick click, HttpServletRequest request, boolean record) {
        if (!record) {
            return delivery.sendFacts(sendId).isPresent();
        }
        return recorder.record(sendId, click, clients.of(request), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        write(response, HttpServletResponse.SC_NOT_FOUND, "application/problem+json", NOT_FOUND);
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
