package io.iabulk.dashboard.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.Role;
import io.iabulk.support.Api;
import io.iabulk.support.ConsoleLogin;
import io.iabulk.support.HttpTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every form of the console, posted by an owner with hostile values in every field it reads (and
 * the query reads of every page with the same values): the answer is never a 5xx. The routes are
 * found by walking the handlers, so a new form is covered the day it is written.
 */
class ConsoleHostileFormsTest extends HttpTest {

    private static final List<String> HOSTILE = List.of(
            "",
            " ",
            "\u0000",
            "-1",
            "99999999999999999999999",
            "1e308",
            "NaN",
            "x".repeat(20_000),
            "<script>alert(1)</script>",
            "{{#each x}}",
            "'; DROP TABLE contacts; --",
            "\u202e\u200b",
            "2026-13-45T99:99",
            "a\r\nBcc: evil@example.com");

    @Autowired
    ApplicationContext context;

    @Autowired
    AccountService accounts;

    @Test
    void noConsoleFormOrFilterAnswersA5xxWhateverItIsSent() {
        ConsoleLogin owner = ConsoleLogin.as(Role.OWNER, api, accounts);
        Api client = owner.changing(api);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> route : consoleRoutes()) {
            HandlerMethod handler = route.getValue();
            List<String> fields = new ArrayList<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    String name = !param.name().isEmpty() ? param.name() : param.value();
                    fields.add(name.isEmpty() ? parameter.getParameterName() : name);
                }
            }
            fields.addAll(List.of("name", "email", "subject", "html", "text", "q", "status", "after", "before"));
            Set<RequestMethod> methods = route.getKey().getMethodsCondition().getMethods();
            for (String pattern : route.getKey().getPatternValues()) {
                // ids that name nothing: a hostile form must not revoke the suite's key or erase its data
                String path = pattern.replaceAll("\\{[^}]*}", "987654321");
                if (path.contains("/stream") || path.contains("/logout")) {
                    continue; // a live stream never ends by itself; signing out ends the test's session
                }
                for (String value : HOSTILE) {
                    Map<String, String> form = new LinkedHashMap<>();
                    for (String field : fields) {
                        form.put(field, value);
                    }
                    form.put("_csrf", owner.csrf());
                    Api.Response answer = methods.contains(RequestMethod.POST)
                            ? client.postForm(path, form)
                            : client.get(path + "?" + query(form));
                    requests++;
                    if (answer.status() >= 500) {
                        failures.add((methods.contains(RequestMethod.POST) ? "POST " : "GET ") + path + " with "
                                + printable(value) + " -> " + answer.status());
                    }
                }
            }
        }
        assertThat(failures).as("5xx answers out of %d requests", requests).isEmpty();
        assertThat(api.admin().get("/api/v1/contests").status())
                .as("the suite's admin key survived")
                .isEqualTo(200);
        assertThat(requests).isGreaterThan(300);
    }

    private List<Map.Entry<RequestMappingInfo, HandlerMethod>> consoleRoutes() {
        List<Map.Entry<RequestMappingInfo, HandlerMethod>> routes = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping :
                context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                    mapping.getHandlerMethods().entrySet()) {
                HandlerMethod handler = entry.getValue();
                if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ConsolePage.class)
                        || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), ConsolePage.class)) {
                    routes.add(entry);
                }
            }
        }
        return routes;
    }

    private static String query(Map<String, String> form) {
        StringBuilder query = new StringBuilder();
        form.forEach((name, value) -> {
            if (!name.equals("_csrf")) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                        .append('=')
                        .append(java.net.URLEncoder.encode(
                                value.length() > 500 ? value.substring(0, 500) : value,
                                java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    private static String printable(String value) {
        String shown = value.length() > 30 ? value.substring(0, 30) + "…(" + value.length() + ")" : value;
        return "'" + shown.replace("\u0000", "\\0").replace("\r", "\\r").replace("\n", "\\n") + "'";
    }
}
