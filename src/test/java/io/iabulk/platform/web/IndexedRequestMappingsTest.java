package io.iabulk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The indexed route lookup takes a shortcut to the answer Spring MVC's full lookup gives, never to
 * another one: every route of the running service, in every spelling below, resolves to the same
 * handler (or to the same failure) both ways.
 */
class IndexedRequestMappingsTest extends HttpTest {

    @Autowired
    IndexedRequestMappings mappings;

    @Test
    void everyRouteResolvesToTheHandlerOfTheFullLookup() throws Exception {
        int compared = 0;
        int shortcuts = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            if (info.getPathPatternsCondition() == null) {
                continue;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<String> verbs = new ArrayList<>();
            methods.forEach(m -> verbs.add(m.name()));
            if (verbs.isEmpty()) {
                verbs.add("GET");
            }
            verbs.add("HEAD");
            verbs.add("DELETE");
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                for (String path : spellings(pattern.getPatternString())) {
                    for (String verb : verbs) {
                        Outcome full = resolve(path, verb, true);
                        Outcome indexed = resolve(path, verb, false);
                        assertThat(indexed).as("%s %s", verb, path).isEqualTo(full);
                        compared++;
                        if (IndexedRequestMappings.prefix(path) != null && full.handler() != null) {
                            shortcuts++;
                        }
                    }
                }
            }
        }
        assertThat(compared).as("requests compared").isGreaterThan(500);
        assertThat(shortcuts).as("requests the index can answer").isGreaterThan(200);
    }

    @Test
    void aParticipantStatusPathIsAnsweredByItsRoute() throws Exception {
        Outcome outcome = resolve("/api/v1/participants/abcd1234", "GET", false);
        assertThat(outcome.handler()).contains("participant");
        assertThat(resolve("/api/v1/participants/abcd1234", "GET", true)).isEqualTo(outcome);
    }

    @Test
    void prefixesAreTheFirstThreeSegments() {
        assertThat(IndexedRequestMappings.prefix("/api/v1/participants/x")).isEqualTo("/api/v1/participants");
        assertThat(IndexedRequestMappings.prefix("/api/v1/participants")).isEqualTo("/api/v1/participants");
        assertThat(IndexedRequestMappings.prefix("/api/v1")).isNull();
        assertThat(IndexedRequestMappings.prefix("//api/v1/x")).isNull();
        assertThat(IndexedRequestMappings.prefix("api/v1/x")).isNull();
        assertThat(IndexedRequestMappings.literalPrefix("/api/v1/{id}/x")).isNull();
        assertThat(IndexedRequestMappings.literalPrefix("/c/{slug}/x")).isNull();
        assertThat(IndexedRequestMappings.literalPrefix("/api/v1/contests/{id}"))
                .isEqualTo("/api/v1/contests");
    }

    /** A route's pattern made concrete, and the variants a client may send. */
    private static List<String> spellings(String pattern) {
        String concrete = pattern.replaceAll("\\{\\*[^}]+}", "a/b")
                .replaceAll("\\{[^}]+}", "1")
                .replace("**", "x/y")
                .replace("*", "x");
        List<String> paths = new ArrayList<>(List.of(concrete, concrete + "/", concrete + "/extra"));
        paths.add(concrete.replaceAll("/1(/|$)", "/summer$1"));
        paths.add(concrete.toUpperCase(java.util.Locale.ROOT));
        paths.add(concrete.replaceFirst("/", "/;x=1/"));
        return paths;
    }

    private record Outcome(String handler, String failure) {}

    private Outcome resolve(String path, String verb, boolean full) {
        MockHttpServletRequest request = new MockHttpServletRequest(verb, path);
        request.setContentType("application/json");
        request.addHeader("Accept", "application/json");
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerMethod handler = full ? mappings.fullLookup(request) : mappings.indexedLookup(request);
            return new Outcome(handler == null ? null : handler.toString(), null);
        } catch (Exception e) {
            return new Outcome(null, e.getClass().getName());
        }
    }
}
