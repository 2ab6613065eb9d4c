package io.iabulk.dashboard.web;

import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Any other address under the participant pages' prefixes (a link cut short, a stray slash) gets
 * the friendly HTML 404 rather than the API's problem+json.
 */
@Controller
@PublicEndpoint("pages")
@HtmlPage
class UnknownPageController {

    @GetMapping({"/c", "/c/**", "/p", "/p/**", "/confirm", "/confirm/**"})
    void unknown(HttpServletRequest request) {
        throw new NotFoundException("Page", request.getRequestURI());
    }
}
