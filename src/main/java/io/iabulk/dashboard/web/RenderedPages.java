package io.iabulk.dashboard.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Public pages that are the same for every visitor, rendered once and served from memory for a
 * moment. A contest's signup page is what a launch spike hits: every visitor of a shared link asks
 * for the same HTML, and rendering it (Thymeleaf, two thirds of its CPU by JFR) capped the page near
 * 4,000 requests/s on two cores. A page is kept {@value #TTL_MILLIS} ms under a key that holds
 * everything it is made of (the contest as loaded, so an edit is a new key at once, and the
 * referral code of the link); its live figures (people joined, top 10) are at most that old
 * when it loads, and its script refreshes them. Headers, rate limits and access checks still run
 * per request: only the rendering is shared.
 */
@Component
class RenderedPages {

    static final long TTL_MILLIS = 1_000;

    /**
     * Where a frame's per-request part goes: markup, which no escaped value and no rendered
     * Markdown (raw HTML escaped) can contain, so its first occurrence is the template's.
     */
    static final String HOLE = "<!--iabulk:hole-->";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final ViewResolver views;
    // pages are kept as the bytes sent: encoding a page with a non-Latin-1 character ("—") to UTF-8
    // on every request was a measurable share of its time (JFR)
    private final Cache<Object, byte[]> pages = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
            .maximumSize(10_000) // random ?ref= values cannot grow it without bound
            .build();
    private final Cache<Object, Frame> frames = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
            .maximumSize(1_000)
            .build();

    /** A page rendered around its {@link #HOLE}: the markup before and after it, in UTF-8. */
    record Frame(byte[] before, byte[] after) {

        /** The whole page with {@code part} in the hole. */
        byte[] with(String part) {
            byte[] middle = part.getBytes(StandardCharsets.UTF_8);
            byte[] page = Arrays.copyOf(before, before.length + middle.length + after.length);
            System.arraycopy(middle, 0, page, before.length, middle.length);
            System.arraycopy(after, 0, page, before.length + middle.length, after.length);
            return page;
        }
    }

    RenderedPages(@Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.views = views;
    }

    /** The page of {@code key}, rendered by {@code page} when it is not in memory. */
    ResponseEntity<byte[]> page(
            Object key, Supplier<ModelAndView> page, HttpServletRequest request, HttpServletResponse response) {
        return html(pages.get(key, k -> render(page.get(), request, response).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The frame of {@code key}: a page that is the same for everyone but for one part, rendered by
     * {@code page} (whose model gets {@code hole}, to be written unescaped where that part goes) when
     * it is not in memory, and kept like a whole page.
     */
    Frame frame(Object key, Supplier<ModelAndView> page, HttpServletRequest request, HttpServletResponse response) {
        return frames.get(key, k -> {
            String html = render(page.get().addObject("hole", HOLE), request, response);
            int at = html.indexOf(HOLE);
            if (at < 0) {
                throw new IllegalStateException("The frame of " + k + " has no hole");
            }
            return new Frame(
                    html.substring(0, at).getBytes(StandardCharsets.UTF_8),
                    html.substring(at + HOLE.length()).getBytes(StandardCharsets.UTF_8));
        });
    }

    /** An HTML response of {@code html} (UTF-8). */
    static ResponseEntity<byte[]> html(byte[] html) {
        return ResponseEntity.ok().contentType(HTML).body(html);
    }

    private String render(ModelAndView page, HttpServletRequest request, HttpServletResponse response) {
        try {
            View view = views.resolveViewName(page.getViewName(), Locale.ENGLISH);
            if (view == null) {
                throw new IllegalStateException("No view " + page.getViewName());
            }
            ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
            view.render(page.getModel(), request, captured);
            captured.flushBuffer();
            return new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("Rendering " + page.getViewName() + " failed", e);
        }
    }
}
