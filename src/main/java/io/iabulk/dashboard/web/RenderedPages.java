package io.iabulk.dashboard.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.platform.Gzip;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
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
 * per request: only the rendering is shared, and so is the compression: a kept page is gzipped
 * once, not by Tomcat on every request (a third of the signup page's CPU, docs/benchmarks.md).
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
    private final Cache<Object, Body> pages = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
            .maximumSize(10_000) // random ?ref= values cannot grow it without bound
            .build();
    private final Cache<Object, Frame> frames = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
            .maximumSize(1_000)
            .build();

    /**
     * A page as sent: its HTML in UTF-8 and, for a page kept in memory, the same gzipped once (null
     * when it is sent only plain).
     */
    record Body(byte[] plain, byte[] gzipped) {

        /** A page kept for many readers: gzipped now, at the level Tomcat would use per request. */
        static Body shared(String html) {
            byte[] plain = html.getBytes(StandardCharsets.UTF_8);
            return new Body(
                    plain, plain.length >= Gzip.MIN_SIZE ? Gzip.compress(plain, Deflater.DEFAULT_COMPRESSION) : null);
        }
    }

    /**
     * A page rendered around its {@link #HOLE}: the markup before and after it in UTF-8, and each
     * compressed once as a piece of a gzip stream, so a request compresses only its own part.
     */
    record Frame(byte[] before, byte[] after, byte[] beforeGzipped, byte[] afterGzipped) {

        static Frame of(String before, String after) {
            byte[] head = before.getBytes(StandardCharsets.UTF_8);
            byte[] tail = after.getBytes(StandardCharsets.UTF_8);
            return new Frame(
                    head,
                    tail,
                    Gzip.piece(head, Deflater.BEST_COMPRESSION, false),
                    Gzip.piece(tail, Deflater.BEST_COMPRESSION, true));
        }

        /** The whole page with {@code part} in the hole. */
        byte[] with(String part) {
            byte[] middle = part.getBytes(StandardCharsets.UTF_8);
            byte[] page = Arrays.copyOf(before, before.length + middle.length + after.length);
            System.arraycopy(middle, 0, page, before.length, middle.length);
            System.arraycopy(after, 0, page, before.length + middle.length, after.length);
            return page;
        }

        /** The whole page with {@code part} in the hole, gzipped: only the part is compressed here. */
        byte[] gzippedWith(String part) {
            byte[] middle = part.getBytes(StandardCharsets.UTF_8);
            return Gzip.member(
                    new byte[][] {beforeGzipped, Gzip.piece(middle, PART_LEVEL, false), afterGzipped},
                    new byte[][] {before, middle, after});
        }

        /** The page with {@code part} in the hole, as the request takes it. */
        Body with(String part, HttpServletRequest request) {
            return Gzip.accepted(request) ? new Body(null, gzippedWith(part)) : new Body(with(part), null);
        }
    }

    /**
     * A request's part is compressed at zlib's fastest level: it is a few kilobytes of markup written
     * per request (a status page's part: 5 KB), where level 6 took 1.7 times as long (42 against 25 µs)
     * for 7 % fewer bytes.
     */
    static final int PART_LEVEL = Deflater.BEST_SPEED;

    RenderedPages(@Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.views = views;
    }

    /** The page of {@code key}, rendered by {@code page} when it is not in memory. */
    ResponseEntity<byte[]> page(
            Object key, Supplier<ModelAndView> page, HttpServletRequest request, HttpServletResponse response) {
        return html(pages.get(key, k -> Body.shared(render(page.get(), request, response))), request);
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
            return Frame.of(html.substring(0, at), html.substring(at + HOLE.length()));
        });
    }

    /**
     * An HTML response of {@code body}: gzipped when it is and the request takes gzip (then sent with
     * {@code Content-Encoding: gzip}, which Tomcat leaves alone), plain otherwise.
     */
    static ResponseEntity<byte[]> html(Body body, HttpServletRequest request) {
        ResponseEntity.BodyBuilder ok =
                ResponseEntity.ok().contentType(HTML).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        if (body.gzipped() != null && (body.plain() == null || Gzip.accepted(request))) {
            return ok.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(body.gzipped());
        }
        return ok.body(body.plain());
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
