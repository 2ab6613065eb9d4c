package io.iabulk.platform.web;

import io.iabulk.platform.AuditLog;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.DomainException;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.MalformedRequestException;
import io.iabulk.platform.NotAudited;
import io.iabulk.platform.Operator;
import io.iabulk.platform.OperatorSessions;
import io.iabulk.platform.PublicEndpoint;
import io.iabulk.platform.PublicRateLimits;
import io.iabulk.platform.RequiresRole;
import io.iabulk.platform.Role;
import io.iabulk.platform.internal.ApiKeys;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(EdgeInterceptor.class);
    private static final Access ADMIN = new Access(null, null, false, null);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** The handler Spring MVC answers an OPTIONS request with when no controller method takes it. */
    private static final String SPRING_OPTIONS_ANSWER =
            "org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping$HttpOptionsHandler";

    private static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String CSRF_FIELD = "_csrf";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/";

    private final ApiKeys keys;
    private final ObjectProvider<OperatorSessions> sessions;
    private final AuditLog audit;
    private final ClientAddresses clients;
    private final PublicRateLimits rateLimits;
    private final ProblemWriter problems;
    private final PublicRoutes publicRoutes;
    private final ObjectProvider<RequestMappingInfoHandlerMapping> controllers;
    private final Map<HandlerMethod, Access> declared = new ConcurrentHashMap<>();

    EdgeInterceptor(
            ApiKeys keys,
            ObjectProvider<OperatorSessions> sessions,
            AuditLog audit,
            ClientAddresses clients,
            PublicRateLimits rateLimits,
            ProblemWriter problems,
            PublicRoutes publicRoutes,
            ObjectProvider<RequestMappingInfoHandlerMapping> controllers) {
        this.keys = keys;
        this.sessions = sessions;
        this.audit = audit;
        this.clients = clients;
        this.rateLimits = rateLimits;
        this.problems = problems;
        this.publicRoutes = publicRoutes;
        this.controllers = controllers;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Access access = accessOf(handler, request);
        if (access.console()) {
            ConsoleSecurity.apply(response);
        } else if (access.page() != null) {
            PageSecurity.apply(access.page(), response);
        }
        try {
            if (access.publicGroup() == null) {
                Operator operator = authenticate(request);
                if (request.getDispatcherType() == DispatcherType.REQUEST) {
                    authorize(operator, access, request);
                }
                operator.attachTo(request);
            } else {
                if (request.getDispatcherType() == DispatcherType.REQUEST) {
                    // (an async or error dispatch continues a request that was already counted)
                    rateLimits.acquire(access.publicGroup(), request);
                }
                if (access.console()) {
                    // a public console page (sign-in) still knows who is signed in, if anyone; the
                    // other public routes (tracking, signups: the hot paths) never look
                    sessionOperator(request).ifPresent(operator -> operator.attachTo(request));
                }
            }
            readParameters(request);
            return true;
        } catch (UnauthorizedException refused) {
            if (access.console() && !access.publicGroupSet()) {
                return toSignIn(request, response);
            }
            return refuse(request, response, handler, refused);
        } catch (DomainException refused) {
            return refuse(request, response, handler, refused);
        }
    }

    private boolean refuse(
            HttpServletRequest request, HttpServletResponse response, Object handler, DomainException refused)
            throws IOException {
        if (handler instanceof HandlerMethod) {
            // the controller's advice answers, so a page's refusal is a page
            throw refused;
        }
        // other handlers (static resources) have no advice: answered here
        problems.write(request, response, refused);
        return false;
    }

    /**
     * A console page asked for without a session: a browser is sent to the sign-in page, which
     * brings it back afterwards; an htmx request is told (401) where to send the browser.
     */
    private static boolean toSignIn(HttpServletRequest request, HttpServletResponse response) {
        String back =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String signIn = "/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
        if (request.getHeader("HX-Request") != null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("HX-Redirect", signIn);
        } else {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader(HttpHeaders.LOCATION, signIn);
        }
        return false;
    }

    /**
     * Writes the audit entry of a change that went through: any method but {@code GET}/{@code HEAD}
     * made with a key or a session, answered below 400.
     */
    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception failure) {
        if (request.getDispatcherType() != DispatcherType.REQUEST
                || SAFE.contains(request.getMethod())
                || response.getStatus() >= 400
                || failure != null
                || (handler instanceof HandlerMethod method && find(method, NotAudited.class) != null)) {
            return;
        }
        Operator.of(request).ifPresent(operator -> {
            if (accessOf(handler, request).publicGroup() != null) {
                return; // the public sign-in pages write their own entries (AccountService)
            }
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            try {
                audit.record(
                        operator.actor(),
                        request.getMethod() + " " + (pattern instanceof String p ? p : request.getRequestURI()),
                        request.getRequestURI(),
                        response.getStatus(),
                        clients.of(request));
            } catch (RuntimeException e) {
                log.warn("Could not write the audit entry of {} {}", request.getMethod(), request.getRequestURI(), e);
            }
        });
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
        return publicGroupServing(request) != null;
    }

    /**
     * The rate-limit group of a public controller method mapped to the request's address (any
     * method or media type), or null when only admin routes are.
     */
    private String publicGroupServing(HttpServletRequest request) {
        if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        return controllers.stream()
                .flatMap(mapping -> mapping.getHandlerMethods().entrySet().stream())
                .filter(route -> {
                    PathPatternsRequestCondition paths = route.getKey().getPathPatternsCondition();
                    return paths != null && paths.getMatchingCondition(request) != null;
                })
                .map(route -> declared.computeIfAbsent(route.getValue(), EdgeInterceptor::declaredAccess)
                        .publicGroup())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * The caller: an admin API key (acting as an owner) in the {@code Authorization} header, else a
     * console session in its cookie.
     */
    private Operator authenticate(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new UnauthorizedException(
                        "This endpoint needs the admin API key: send 'Authorization: Bearer <key>'");
            }
            return keys.check(header.substring(BEARER.length()).trim())
                    .map(key -> new Operator(
                            key.id(), "api-key:" + key.name(), key.name(), Role.OWNER, ZoneOffset.UTC, null, true))
                    .orElseThrow(() -> new UnauthorizedException("The API key is not valid"));
        }
        return sessionOperator(request)
                .orElseThrow(() -> new UnauthorizedException(
                        "This endpoint needs the admin API key (send 'Authorization: Bearer <key>') or a console"
                                + " session (sign in at /login)"));
    }

    private Optional<Operator> sessionOperator(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        OperatorSessions store = sessions.getIfAvailable();
        if (cookies == null || store == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (OperatorSessions.COOKIE.equals(cookie.getName())
                    && !cookie.getValue().isEmpty()) {
                return store.find(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the caller may use the handler: its role must include the handler's (reading needs a
     * viewer, changing an editor, unless the handler asks for more), and a change made with a
     * session must carry the session's anti-forgery token (header {@code X-CSRF-Token} or form field
     * {@code _csrf}): another site can make a browser send the cookie, not the token.
     */
    private void authorize(Operator operator, Access access, HttpServletRequest request) {
        boolean safe = SAFE.contains(request.getMethod());
        Role needed = access.role() != null ? access.role() : safe ? Role.VIEWER : Role.EDITOR;
        if (!operator.role().includes(needed)) {
            throw new ForbiddenException("Your role (" + operator.role() + ") may not do this: it needs " + needed
                    + ". Ask an owner of this IA Bulk to change your role.");
        }
        if (!safe && !operator.apiKey()) {
            String presented = request.getHeader(CSRF_HEADER);
            if (presented == null) {
                presented = formToken(request);
            }
            if (presented == null
                    || !MessageDigest.isEqual(
                            presented.getBytes(StandardCharsets.UTF_8),
                            operator.csrfToken().getBytes(StandardCharsets.UTF_8))) {
                throw new ForbiddenException(
                        "The form's security token is missing or out of date: reload the page and try again");
            }
        }
    }

    /** The {@code _csrf} field of a form body (never of the query string, where it could leak). */
    private static String formToken(HttpServletRequest request) {
        String type = request.getContentType();
        boolean form = type != null && type.regionMatches(true, 0, FORM, 0, FORM.length());
        boolean multipart = type != null && type.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length());
        if (!form && !multipart) {
            return null;
        }
        if (multipart) {
            // streamed uploads read their own body: the console sends the token as a header there
            return null;
        }
        String query = request.getQueryString();
        if (query != null && query.contains(CSRF_FIELD + "=")) {
            return null;
        }
        return request.getParameter(CSRF_FIELD);
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
        if (handler instanceof HandlerMethod method
                && method.getBeanType().getName().equals(SPRING_OPTIONS_ANSWER)) {
            // OPTIONS on a route: Spring answers with its Allow header. That is as public as the
            // address: a public page's or endpoint's methods are no secret, an admin route's are.
            String group = publicGroupServing(request);
            return group == null ? ADMIN : new Access(group, null, false, null);
        }
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
        return group == null ? ADMIN : new Access(group, null, false, null);
    }

    /** What a controller method declares: its public group, page kind and role, or {@link #ADMIN}. */
    private static Access declaredAccess(HandlerMethod method) {
        PublicEndpoint endpoint = find(method, PublicEndpoint.class);
        HtmlPage page = find(method, HtmlPage.class);
        boolean console = find(method, ConsolePage.class) != null;
        RequiresRole role = find(method, RequiresRole.class);
        return endpoint == null && page == null && !console && role == null
                ? ADMIN
                : new Access(
                        endpoint == null ? null : endpoint.value(), page, console, role == null ? null : role.value());
    }

    /** The annotation on the method, else on its controller. */
    static <A extends java.lang.annotation.Annotation> A find(HandlerMethod method, Class<A> type) {
        A annotation = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), type);
        return annotation != null ? annotation : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), type);
    }

    /**
     * @param publicGroup the rate-limit group of a public handler; {@code null}: a key or session is
     *     needed
     * @param page the page declaration of a handler that renders participant pages, or {@code null}
     * @param console whether the handler belongs to the operator console
     * @param role the role the handler asks for beyond the default, or {@code null}
     */
    private record Access(String publicGroup, HtmlPage page, boolean console, Role role) {

        boolean publicGroupSet() {
            return publicGroup != null;
        }
    }
}
