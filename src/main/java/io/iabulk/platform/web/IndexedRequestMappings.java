package io.iabulk.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the handler of a path with variables among the routes that can match it, not among all of
 * them. Spring MVC looks a path up directly only when a route has no variables; for any other path
 * ({@code /api/v1/participants/{code}}, {@code /c/{slug}}, the signup route) it tries every route of
 * the service, a few hundred, on every request: 17 % of a participant status read's CPU (JFR,
 * docs/benchmarks.md). Routes are indexed here by their first {@value #DEPTH} path segments when
 * those are literal; the others (variables or wildcards early in the pattern) are tried for every
 * path. When the candidates yield no single best match (none, a tie, a CORS preflight) the full
 * lookup of Spring MVC decides, with its own 404, 405, 415 and ambiguity answers, so this only
 * ever takes a shortcut to the answer the full lookup gives.
 */
class IndexedRequestMappings extends RequestMappingHandlerMapping {

    static final int DEPTH = 3;

    private record Route(RequestMappingInfo info, HandlerMethod handler) {}

    private record Index(Map<String, List<Route>> byPrefix, List<Route> everywhere) {}

    private volatile Index index;

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        String prefix = prefix(lookupPath);
        if (prefix == null || CorsUtils.isPreFlightRequest(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Index routes = index();
        Route best = null;
        RequestMappingInfo bestMatch = null;
        boolean tie = false;
        var comparator = getMappingComparator(request);
        for (List<Route> list : List.of(routes.byPrefix().getOrDefault(prefix, List.of()), routes.everywhere())) {
            for (Route route : list) {
                RequestMappingInfo match = getMatchingMapping(route.info(), request);
                if (match == null) {
                    continue;
                }
                int order = bestMatch == null ? -1 : comparator.compare(match, bestMatch);
                if (order < 0) {
                    best = route;
                    bestMatch = match;
                    tie = false;
                } else if (order == 0) {
                    tie = true;
                }
            }
        }
        if (best == null || tie) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        request.setAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, best.handler());
        handleMatch(bestMatch, lookupPath, request);
        return best.handler();
    }

    /** The first segments of a path, or null when it has fewer (the full lookup then decides). */
    static String prefix(String path) {
        int end = 0;
        for (int i = 0; i < DEPTH; i++) {
            if (end >= path.length() || path.charAt(end) != '/') {
                return null;
            }
            int next = path.indexOf('/', end + 1);
            if (next == end + 1) {
                return null; // an empty segment: leave such paths to the full lookup
            }
            end = next < 0 ? path.length() : next;
            if (next < 0 && i < DEPTH - 1) {
                return null;
            }
        }
        return path.substring(0, end);
    }

    /** The literal first segments of a route's pattern, or null when a variable or wildcard comes first. */
    static String literalPrefix(String pattern) {
        String prefix = prefix(pattern);
        if (prefix == null) {
            return null;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '{' || c == '*' || c == '?' || c == ';' || c == '%') {
                return null;
            }
        }
        return prefix;
    }

    private Index index() {
        Index built = index;
        if (built == null) {
            built = build(getHandlerMethods());
            index = built;
        }
        return built;
    }

    private static Index build(Map<RequestMappingInfo, HandlerMethod> mappings) {
        Map<String, List<Route>> byPrefix = new HashMap<>();
        List<Route> everywhere = new ArrayList<>();
        mappings.forEach((info, handler) -> {
            Route route = new Route(info, handler);
            PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
            List<String> prefixes = new ArrayList<>();
            if (patterns != null) {
                for (PathPattern pattern : patterns.getPatterns()) {
                    prefixes.add(literalPrefix(pattern.getPatternString()));
                }
            }
            if (prefixes.isEmpty() || prefixes.contains(null)) {
                everywhere.add(route);
            } else {
                prefixes.stream()
                        .distinct()
                        .forEach(p -> byPrefix.computeIfAbsent(p, k -> new ArrayList<>())
                                .add(route));
            }
        });
        return new Index(Map.copyOf(byPrefix), List.copyOf(everywhere));
    }

    /** The handler the full lookup of Spring MVC finds for a request (tests compare the two). */
    HandlerMethod fullLookup(HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(initLookupPath(request), request);
    }

    /** The handler this mapping finds for a request. */
    HandlerMethod indexedLookup(HttpServletRequest request) throws Exception {
        return lookupHandlerMethod(initLookupPath(request), request);
    }

    @Override
    protected void handlerMethodsInitialized(Map<RequestMappingInfo, HandlerMethod> handlerMethods) {
        super.handlerMethodsInitialized(handlerMethods);
        index = null;
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, java.lang.reflect.Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }
}
