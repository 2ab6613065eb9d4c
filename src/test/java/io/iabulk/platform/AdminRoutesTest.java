package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every admin route refuses a caller without the key, however its address is spelled. The routes
 * are not listed here: the test walks every handler mapping of the running service (controllers
 * and actuator endpoints), so a new endpoint is covered the day it is added.
 */
class AdminRoutesTest extends HttpTest {

    /** The library routes that are public on purpose (the health probe); API docs are not public here. */
    private static final Set<String> PUBLIC_LIBRARY_ROUTES = Set.of("/actuator/health", "/actuator/health/**");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Autowired
    ApplicationContext context;

    @Test
    void everyAdminRouteAndEverySpellingOfItAnswers401WithoutTheKey() throws Exception {
        List<Route> routes = adminRoutes();
        assertThat(routes)
                .as("the walk finds the admin routes of every module and the actuator's")
                .extracting(Route::path)
                .contains(
                        "/api/v1/contests",
                        "/api/v1/contacts/{id}",
                        "/api/v1/campaigns/{id}/start",
                        "/api/v1/messages",
                        "/api/v1/events",
                        "/actuator/prometheus",
                        "/actuator/metrics");

        List<String> answered = new ArrayList<>();
        int requests = 0;
        for (Route route : routes) {
            for (String variant : variants(concrete(route.path()))) {
                for (String method : List.of(route.method(), route.method().toLowerCase(Locale.ROOT))) {
                    HttpResponse<String> response = send(method, variant, route.contentType(), null);
                    requests++;
                    boolean refused = response.statusCode() == 401
                            && response.headers()
                                    .firstValue("Content-Type")
                                    .orElse("")
                                    .startsWith("application/problem+json");
                    // a console page sends a browser without a session to the sign-in page, and nothing else
                    boolean toSignIn = route.console()
                            && response.statusCode() == 303
                            && response.headers()
                                    .firstValue("Location")
                                    .orElse("")
                                    .startsWith("/login?next=")
                            && response.body().isEmpty();
                    if (!refused && !toSignIn) {
                        answered.add(method + " " + variant + " -> " + response.statusCode());
                    }
                }
            }
        }

        assertThat(answered)
                .as("admin routes answered without the key (out of %d requests)", requests)
                .isEmpty();
        assertThat(requests).isGreaterThan(500);
    }

    @Test
    void theKeyOpensTheRoutesAndAWrongKeyDoesNot() throws Exception {
        assertThat(send("GET", "/api/v1/contests", null, Api.ADMIN_KEY).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null, Api.ADMIN_KEY).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/contests", null, "not-the-key").statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api;x/v1/contests", null, Api.ADMIN_KEY + "x").statusCode())
                .isEqualTo(401);
    }

    @Test
    void aPublicRouteWithAWrongMethodOrMediaTypeIsToldSoWithoutAKey() throws Exception {
        HttpResponse<String> wrongType = send("POST", "/api/v1/contests/1/signups", "text/plain", null);
        HttpResponse<String> wrongMethod = send("DELETE", "/api/v1/contests/1/leaderboard", null, null);
        HttpResponse<String> adminWrongMethod = send("DELETE", "/api/v1/contests", null, null);

        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(adminWrongMethod.statusCode())
                .as("an admin route stays hidden")
                .isEqualTo(401);
    }

    @Test
    void optionsTellsAPublicRoutesMethodsToAnyoneAndAnAdminRoutesOnlyToKeyHolders() throws Exception {
        for (String path : List.of("/c/launch", "/p/abcdefgh", "/api/v1/contests/1/leaderboard")) {
            HttpResponse<String> options = send("OPTIONS", path, null, null);
            assertThat(options.statusCode()).as(path).isEqualTo(200);
            assertThat(options.headers().firstValue("Allow").orElse(""))
                    .as(path)
                    .contains("GET");
        }
        assertThat(send("OPTIONS", "/api/v1/contests/1/signups", null, null)
                        .headers()
                        .firstValue("Allow")
                        .orElse(""))
                .contains("POST");
        for (String path : List.of("/api/v1/contests", "/api/v1/contests/1/participants", "/api/v1/webhooks")) {
            HttpResponse<String> hidden = send("OPTIONS", path, null, null);
            assertThat(hidden.statusCode()).as(path).isEqualTo(401);
            assertThat(hidden.headers().firstValue("Allow")).as(path).isEmpty();
            HttpResponse<String> told = send("OPTIONS", path, null, Api.ADMIN_KEY);
            assertThat(told.statusCode()).as(path).isEqualTo(200);
            assertThat(told.headers().firstValue("Allow").orElse("")).as(path).contains("GET");
        }
    }

    @Test
    void addressesThatNameNothingDoNotTellWhetherARouteExists() throws Exception {
        assertThat(send("GET", "/api/v1/no-such-thing", null, null).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/v1/no-such-thing", null, Api.ADMIN_KEY).statusCode())
                .isEqualTo(404);
        assertThat(send("GET", "/error", null, null).statusCode()).isEqualTo(404);
    }

    private List<Route> adminRoutes() {
        Set<Route> routes = new LinkedHashSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                HandlerMethod handler = entry.getValue();
                if (isPublic(handler)) {
                    continue;
                }
                RequestMappingInfo info = entry.getKey();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
                String contentType = consumes.isEmpty()
                        ? null
                        : consumes.iterator().next().toString().replace("*", "x");
                for (String path : info.getPatternValues()) {
                    if (PUBLIC_LIBRARY_ROUTES.contains(path) || path.equals("/error")) {
                        continue;
                    }
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        routes.add(new Route(method.name(), path, contentType, isConsole(handler)));
                    }
                }
            }
        }
        return List.copyOf(routes);
    }

    private static boolean isConsole(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ConsolePage.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ConsolePage.class);
    }

    private static boolean isPublic(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicEndpoint.class);
    }

    /** The route with its variables filled in. */
    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]*}", "x")
                .replaceAll("\\{[^}]*}", "1")
                .replace("/**", "/x")
                .replace("*", "x");
    }

    /** Spellings of one address that a naive prefix check tells apart and a router may not. */
    static List<String> variants(String path) {
        if (path.equals("/")) {
            return List.of("/", "//", "/;x", "/;jsessionid=1", "/./", "/%2e/", "/x/..", "/x/%2e%2e");
        }
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(1 + first.length());
        String last = segments[segments.length - 1];
        String init = path.substring(0, path.length() - last.length());
        List<String> variants = new ArrayList<>(List.of(
                path,
                "/" + first + ";x" + rest,
                "/" + first + ";" + rest,
                "/" + first + ";jsessionid=1" + rest,
                path + ";x=1",
                "/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + rest,
                "/" + percentEncodeAll(first) + rest,
                "/" + first + rest.replaceFirst("/", "/%2e/"),
                "//" + path.substring(1),
                "/" + first + "/" + rest,
                "/" + first.toUpperCase(Locale.ROOT) + rest,
                "/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest,
                path + "/",
                path + "//",
                "/" + first + "/x/.." + rest,
                "/" + first + "/x/%2e%2e" + rest,
                "/" + first + "/." + rest,
                init + last + "/."));
        return variants;
    }

    private static String percentEncodeAll(String segment) {
        StringBuilder encoded = new StringBuilder();
        for (char c : segment.toCharArray()) {
            encoded.append('%').append(Integer.toHexString(c).toUpperCase(Locale.ROOT));
        }
        return encoded.toString();
    }

    private HttpResponse<String> send(String method, String path, String contentType, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.ofString(contentType == null ? "" : "{}"));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @param console whether the route is a console page (a browser without a session is sent to sign in) */
    private record Route(String method, String path, String contentType, boolean console) {}
}
