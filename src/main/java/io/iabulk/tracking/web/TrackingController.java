package io.iabulk.tracking.web;

import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.PublicEndpoint;
import io.iabulk.tracking.SignedClick;
import io.iabulk.tracking.TrackingLinks;
import io.iabulk.tracking.internal.HitRecorder;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    private static final byte[] PIXEL = {
        'G',
        'I',
        'F',
        '8',
        '9',
        'a',
        1,
        0,
        1,
        0,
        (byte) 0x80,
        0,
        0,
        0,
        0,
        0,
        (byte) 0xFF,
        (byte) 0xFF,
        (byte) 0xFF,
        0x21,
        (byte) 0xF9,
        4,
        1,
        0,
        0,
        0,
        0,
        0x2C,
        0,
        0,
        0,
        0,
        1,
        0,
        1,
        0,
        0,
        2,
        2,
        0x44,
        1,
        0,
        0x3B
    };

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

    @GetMapping("/t/o/{token}")
    ResponseEntity<byte[]> open(@PathVariable String token, HttpServletRequest request) {
        OptionalLong send = links.openSend(token);
        if (send.isEmpty() || !hit(send.getAsLong(), null, request)) {
            return notFound();
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .contentType(MediaType.IMAGE_GIF)
                .body(PIXEL);
    }

    @GetMapping("/t/c/{token}")
    ResponseEntity<byte[]> click(@PathVariable String token, HttpServletRequest request) {
        Optional<SignedClick> signed = links.click(token);
        if (signed.isEmpty() || !hit(signed.get().sendId(), signed.get(), request)) {
            return notFound();
        }
        SignedClick click = signed.get();
        String target = click.appendClickToken()
                ? RedirectTargets.withParameter(click.url(), CLICK_TOKEN, links.conversionToken(click.sendId()))
                : click.url();
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, RedirectTargets.asciiOnly(target))
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .build();
    }

    /** Records the hit (not for HEAD); false when the token's send does not exist. */
    private boolean hit(long sendId, SignedClick click, HttpServletRequest request) {
        if ("HEAD".equals(request.getMethod())) {
            return delivery.sendFacts(sendId).isPresent();
        }
        return recorder.record(sendId, click, clients.of(request), request.getHeader(HttpHeaders.USER_AGENT));
    }

    private static ResponseEntity<byte[]> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE)
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body("Not found\n".getBytes(StandardCharsets.UTF_8));
    }
}
