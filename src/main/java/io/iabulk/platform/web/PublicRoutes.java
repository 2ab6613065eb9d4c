package io.iabulk.platform.web;

import io.iabulk.platform.PlatformProperties;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.stereotype.Component;

/**
 * The handlers of libraries that are public, by the pattern their handler mapping matched (the
 * route a handler was registered under, not the address the client wrote). Our own handlers
 * declare themselves with {@code @PublicEndpoint}; these cannot:
 *
 * <ul>
 *   <li>the health endpoint and its probe groups ({@code health} group), for load balancers and
 *       orchestrators; it shows no details;
 *   <li>the OpenAPI document and Swagger UI ({@code docs} group) when {@code
 *       iabulk.platform.api-docs-public} is on (the default in embedded mode only).
 * </ul>
 *
 * and the console's static assets ({@code assets} group): its styles, script and icons, and the
 * WebJars it loads (htmx, the charts).
 *
 * <p>Every other actuator endpoint (metrics, Prometheus, info) needs the admin key.
 */
@Component
class PublicRoutes {

    /** The route of the console's own static assets. */
    static final String CONSOLE_ASSETS = "/console/**";

    /** The route Spring Boot serves WebJars (htmx, the charts) under. */
    static final String WEBJARS = "/webjars/**";

    private final Map<String, String> groups = new HashMap<>();

    PublicRoutes(
            PlatformProperties properties,
            ObjectProvider<PathMappedEndpoints> actuator,
            @Value("${springdoc.api-docs.path:/v3/api-docs}") String apiDocs,
            @Value("${springdoc.swagger-ui.path:/swagger-ui.html}") String swaggerUi) {
        // static files of the console, the same for everyone: no secret in them
        groups.put(CONSOLE_ASSETS, "assets");
        groups.put(WEBJARS, "assets");
        PathMappedEndpoints endpoints = actuator.getIfAvailable();
        String health = endpoints == null ? null : endpoints.getPath(EndpointId.of("health"));
        if (health != null) {
            groups.put(health, "health");
            groups.put(health + "/**", "health");
        }
        if (properties.apiDocsArePublic()) {
            for (String pattern : new String[] {
                apiDocs,
                apiDocs + "/**",
                apiDocs + ".yaml",
                apiDocs + "/swagger-config",
                swaggerUi,
                "/swagger-ui/**",
                "/swagger-ui*/**",
                // springdoc serves the page's initializer (which names the document) from a route of its own
                "/swagger-ui/*swagger-initializer.js"
            }) {
                groups.put(pattern, "docs");
            }
        }
    }

    /** The rate-limit group of a public route pattern, or {@code null} when the route needs the key. */
    String groupOf(String pattern) {
        return groups.get(pattern);
    }
}
