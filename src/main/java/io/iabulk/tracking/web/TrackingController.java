package io.iabulk.tracking.web;

import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.PublicEndpoint;
import io.iabulk.tracking.SignedClick;
import io.iabulk.tracking.TrackingLinks;
import io.iabulk.tracking.internal.HitRecorder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The open pixel and click redirects of messages. A token that is not ours (changed, of another
 * purpose) or names no send is a 404, never a redirect. A hit is recorded before the answer (see
 * {@link HitRecorder}); a {@code HEAD} request is answered alike but records nothing (no mail
 * client fetches an image or follows a link with it).
 */
@Controller
@PublicEndpoint("tracking")
class TrackingController {

    /** A 1×1 transparent GIF (43 bytes). */
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.UTF_8);

    private static final String CLICK_TOKEN = "iab_click";
    /** Every answer is per hit: a cached pixel or redirect would hide the next open or click. */
    private static final String NO_STORE = "no-store, max-age=0";

    private final TrackingLinks links;
    private final HitRecorder recorder;
    private final DeliveryService delivery;
    private final ClientAddresses clients;

    TrackingController(TrackingLinks links, HitRecorder recorder, DeliveryService delivery, ClientAddresses clients) {
        this.links = links;
        this.recorder = recorder;
        this.delivery = delivery;
        this.clients = clients;
    }

    // the answers are written straight to the response: no content negotiation or converters
    // for a fixed body (measurably cheaper at thousands of hits per second)
    @GetMapping("/t/o/{token}")
    void open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        OptionalLong send = links.openSend(token);
        if (send.isEmpty() || !hit(send.getAsLong(), null, request)) {
            notFound(response);
            return;
        }
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        write(response, HttpServletResponse.SC_OK, "image/gif", PIXEL);
    }

    @GetMapping("/t/c/{token}")
    void click(@PathVariable String token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<SignedClick> signed = links.click(token);
        if (signed.isEmpty() || !hit(signed.get().sendId(), signed.get(), request)) {
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

    /** Records the hit (not for HEAD); false when the token's send does not exist. */
    private boolean hit(long sendId, SignedClick click, HttpServletRequest request) {
        if ("HEAD".equals(request.getMethod())) {
            return delivery.sendFacts(sendId).isPresent();
        }
        return recorder.record(sendId, click, clients.of(request), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        write(response, HttpServletResponse.SC_NOT_FOUND, "text/plain;charset=UTF-8", NOT_FOUND);
    }

    private static void write(HttpServletResponse response, int status, String contentType, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
