package io.iabulk.platform.web;

import io.iabulk.platform.DomainException;
import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.MalformedRequestException;
import io.iabulk.platform.PublicEndpoint;
import io.iabulk.platform.PublicRateLimits;
import io.iabulk.platform.internal.ApiKeys;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Who may call what, decided by the handler Spring MVC chose for the request, never by the raw
 * path: whatever spelling of an address reaches a handler ({@code ;} parameters, percent-encoding,
 * doubled slashes, case), the handler's own declaration decides. Deny by default: a handler needs
 * the admin key unless it (or its controller) is a {@link PublicEndpoint}, or is one of the few
 * library handlers that {@link PublicRoutes} declares public (health probe, API docs). That
 * includes the catch-all static-resource handler, so an address that names nothing answers 401
 * without a key (and 404 with one) and does not tell which routes exist.
 *
 * <p>Registered as a mapped interceptor, which every handler mapping of the context applies
 * (controllers, actuator endpoints, resources, the API docs), not only the controllers'. Public
 * handlers are rate-limited per client IP in their group instead; {@link HtmlPage} handlers get the
 * pages' browser protections.
 */
@Component
class EdgeInterceptor implements HandlerInterceptor, HandlerExceptionResolver, Ordered {

    private static final String BEARER = "Bearer ";
    private static final Access ADMIN = new Access(null, null);
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/";

    private final ApiKeys keys;
    private final PublicRateLimits rateLimits;
    private final ProblemWriter problems;
    private final PublicRoutes publicRoutes;
    private final ObjectProvider<RequestMappingInfoHandlerMapping> controllers;
    private final Map<HandlerMethod, Access> declared = new ConcurrentHashMap<>();

    EdgeInterceptor(
            ApiKeys keys,
            PublicRateLimits rateLimits,
            ProblemWriter problems,
            PublicRoutes publicRoutes,
            ObjectProvider<RequestMappingInfoHandlerMapping> controllers) {
        this.keys = keys;
        this.rateLimits = rateLimits;
        this.problems = problems;
        this.publicRoutes = publicRoutes;
        this.controllers = controllers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Access access = accessOf(handler, request);
        if (access.page() != null) {
            PageSecurity.apply(access.page(), response);
        }
        try {
            if (access.publicGroup() == null) {
                authenticate(request);
            } else if (request.getDispatcherType() == DispatcherType.REQUEST) {
                // (an async or error dispatch continues a request that was already counted)
                rateLimits.acquire(access.publicGroup(), request);
            }
            readParameters(request);
            return true;
        } catch (DomainException refused) {
            if (handler instanceof HandlerMethod) {
                // the controller's advice answers, so a page's refusal is a page
                throw refused;
            }
            // other handlers (static resources) have no advice: answered here
            problems.write(request, response, refused);
            return false;
        }
    }

    /**
     * A request no handler would take as it is (a route's address with another method or media
     * type). Unless a public handler serves that address, it is treated as an admin route: without a
     * valid key the answer is 401, so that only key holders learn from a 405 or 415 that a route
     * exists. A public route's client is told what is wrong (405, 415) as before.
     */
    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        if (handler != null
                || !(e instanceof HttpRequestMethodNotSupportedException || e instanceof HttpMediaTypeException)
                || servedPublicly(request)) {
            return null;
        }
        try {
            authenticate(request);
            return null;
        } catch (UnauthorizedException refused) {
            try {
                problems.write(request, response, refused);
            } catch (IOException gone) {
                // the client left: nothing to answer
            }
            return new ModelAndView();
        }
    }

    /** Whether a public controller method is mapped to the request's address (any method or media type). */
    private boolean servedPublicly(HttpServletRequest request) {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        return controllers.stream()
                .flatMap(mapping -> mapping.getHandlerMethods().entrySet().stream())
                .anyMatch(route -> {
                    PathPatternsRequestCondition paths = route.getKey().getPathPatternsCondition();
                    return paths != null
                            && paths.getMatchingCondition(request) != null
                            && declared.computeIfAbsent(route.getValue(), EdgeInterceptor::declaredAccess)
                                            .publicGroup()
                                    != null;
                });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private void authenticate(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new UnauthorizedException(
                    "This endpoint needs the admin API key: send 'Authorization: Bearer <key>'");
        }
        if (!keys.isValid(header.substring(BEARER.length()).trim())) {
            throw new UnauthorizedException("The API key is not valid");
        }
    }

    /**
     * Reads the parameters before the handler does, so that malformed ones (bad percent-encoding,
     * more than the container's limit of 1,000) are the client's 400, not a failure inside the
     * handler. Multipart bodies are left alone: their handlers stream them.
     */
    private static void readParameters(HttpServletRequest request) {
        String type = request.getContentType();
        boolean form = type != null && type.regionMatches(true, 0, FORM, 0, FORM.length());
        boolean multipart = type != null && type.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length());
        if (form || (request.getQueryString() != null && !multipart)) {
            try {
                request.getParameterMap();
            } catch (IllegalStateException e) {
                throw new MalformedRequestException(
                        "The request's parameters cannot be read: check their percent-encoding, and send at"
                                + " most 1,000 of them");
            }
        }
    }

    private Access accessOf(Object handler, HttpServletRequest request) {
        if (handler instanceof HandlerMethod method) {
            Access access = declared.computeIfAbsent(method, EdgeInterceptor::declaredAccess);
            if (access != ADMIN) {
                return access;
            }
        }
        // a library's handler: public only when the pattern its mapping matched is declared public
        String group = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
                ? publicRoutes.groupOf(pattern)
                : null;
        return group == null ? ADMIN : new Access(group, null);
    }

    /** What a controller method declares: its public group and page kind, or {@link #ADMIN}. */
    private static Access declaredAccess(HandlerMethod method) {
        PublicEndpoint endpoint = find(method, PublicEndpoint.class);
        HtmlPage page = find(method, HtmlPage.class);
        return endpoint == null && page == null ? ADMIN : new Access(endpoint == null ? null : endpoint.value(), page);
    }

    /** The annotation on the method, else on its controller. */
    static <A extends java.lang.annotation.Annotation> A find(HandlerMethod method, Class<A> type) {
        A annotation = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return annotation != null ? annotation : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }

    /**
     * @param publicGroup the rate-limit group of a public handler; {@code null}: the admin key is
     *     needed
     * @param page the page declaration of a handler that renders HTML pages, or {@code null}
     */
    private record Access(String publicGroup, HtmlPage page) {}
}
