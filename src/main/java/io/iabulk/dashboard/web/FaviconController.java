package io.iabulk.dashboard.web;

import io.iabulk.platform.PublicEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The icon browsers ask for on their own with every page they show. Without it the request needed
 * the admin key, so each participant page logged a failed load (a 401) in the browser's console.
 */
@Controller
@PublicEndpoint("pages")
class FaviconController {

    private static final byte[] ICON = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">\
            <rect width="16" height="16" rx="3" fill="#1545b3"/>\
            <path d="M4 11.5h8M5 8.5h6M6 5.5h4" stroke="#fff" stroke-width="1.6" stroke-linecap="round"/></svg>
            """.getBytes(StandardCharsets.UTF_8);

    @GetMapping("/favicon.ico")
    ResponseEntity<byte[]> icon() {
        return ResponseEntity.ok()
                .contentType(MediaType.valueOf("image/svg+xml"))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .body(ICON);
    }
}
