package io.iabulk.tracking.web;

import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.PublicEndpoint;
import io.iabulk.tracking.internal.Unsubscriptions;
import io.iabulk.tracking.internal.Unsubscriptions.Recipient;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The unsubscribe link of every message, {@code /u/{token}}. {@code GET} only shows a page with a
 * button (link scanners fetch links; they must not unsubscribe anyone); {@code POST} unsubscribes,
 * from that button or as an RFC 8058 one-click request of a mailbox provider ({@code
 * List-Unsubscribe=One-Click}, no cookies, no script). Both answer HTML; a forged or unknown token
 * is a 404 page, and {@code /u/preview} (the link of template previews) a page that does nothing.
 */
@Controller
@PublicEndpoint("tracking")
@HtmlPage(secretInAddress = true)
class UnsubscribeController {

    static final String PREVIEW = "preview";
    private static final String ONE_CLICK = "One-Click";

    private final Unsubscriptions unsubscriptions;

    UnsubscribeController(Unsubscriptions unsubscriptions) {
        this.unsubscriptions = unsubscriptions;
    }

    /**
     * What the page shows.
     *
     * @param state {@code ask}, {@code done}, {@code preview} or {@code unknown}
     * @param email the masked address, or null
     */
    record UnsubscribePage(String state, String email) {}

    @GetMapping("/u/{token}")
    ModelAndView page(@PathVariable String token) {
        if (token.equals(PREVIEW)) {
            return page(HttpStatus.OK, new UnsubscribePage("preview", "j***@example.com"));
        }
        return answer(unsubscriptions.recipient(token), true);
    }

    @PostMapping("/u/{token}")
    ModelAndView unsubscribe(
            @PathVariable String token, @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) {
        if (token.equals(PREVIEW)) {
            return page(HttpStatus.OK, new UnsubscribePage("preview", "j***@example.com"));
        }
        return answer(unsubscriptions.unsubscribe(token, ONE_CLICK.equals(oneClick)), false);
    }

    private static ModelAndView answer(Optional<Recipient> recipient, boolean asking) {
        if (recipient.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, new UnsubscribePage("unknown", null));
        }
        Recipient found = recipient.get();
        return page(HttpStatus.OK, new UnsubscribePage(asking && found.subscribed() ? "ask" : "done", found.email()));
    }

    private static ModelAndView page(HttpStatus status, UnsubscribePage page) {
        return new ModelAndView("tracking/unsubscribe", status).addObject("page", page);
    }
}
