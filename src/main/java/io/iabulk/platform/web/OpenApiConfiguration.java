package io.iabulk.platform.web;

import io.iabulk.platform.PublicEndpoint;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document says what the edge enforces, once for every operation: the admin key (401)
 * unless it is a {@link PublicEndpoint} (429 instead), 400/413/415 for what it reads, 404 for what
 * its path names, and every error as {@code application/problem+json} of the one {@code Problem}
 * schema. Controllers add only their summary and the codes particular to them (201, 202, 204, 304,
 * 409, ...); each controller carries one tag of {@link #TAGS}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ADMIN_KEY = "adminKey";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The tags of the document, one per resource, in the order the document lists them. */
    static final Map<String, String> TAGS = tags(
            "Contests",
            "Referral contests: create, schedule, activate and end them; their stats, analytics, referrals "
                    + "(and the review of flagged ones) and winners.",
            "Participants",
            "The public side of a contest, without a key and rate-limited per client IP: signing up, a "
                    + "participant's own standing, the leaderboard.",
            "Contacts",
            "The people mail goes to: created or updated by address, changed, erased.",
            "Imports",
            "CSV imports of contacts, processed in the background: progress and rejected lines.",
            "Segments",
            "Saved filters over contacts, the audiences of campaigns.",
            "Templates",
            "Handlebars email templates (subject, HTML, text) and their previews for a contact.",
            "Campaigns",
            "Bulk sends to a segment, a contest's participants or everyone: lifecycle, live progress, reports.",
            "Messages",
            "Transactional messages: one templated email to one person.",
            "Tracking",
            "Conversions attributed to sent messages (opens, clicks and unsubscribes come through the "
                    + "signed links in the messages themselves).",
            "Analytics",
            "Custom events in; time series and a live stream of counts out.",
            "Webhooks",
            "Events posted by email providers (SendGrid): deliveries, bounces, complaints, unsubscribes.",
            "Models",
            "The engagement model registry: training runs, models with their validation metrics next to the "
                    + "baseline's, activation and rollback.");

    private static final String DESCRIPTION = """
            Referral contests and bulk email.

            **Authorization.** Admin operations need the admin API key as \
            `Authorization: Bearer <admin key>`. Here, choose **Authorize** and paste the key alone \
            (without `Bearer`). Public operations (signing up, a participant's standing, the \
            leaderboard, provider webhooks) need no key and are rate-limited per client IP: `429` \
            with `Retry-After`.

            **Errors** are `application/problem+json` (RFC 9457, schema `Problem`): a stable `type` \
            (`urn:iabulk:problem:<code>`), a human `detail`, the `requestId` to quote, and per-field \
            `errors` for invalid input.

            Every answer carries `X-Request-ID` (yours when sane, else generated) and \
            `X-Response-Time`; cacheable reads carry an `ETag` and answer `304` to `If-None-Match`.
            """;

    @Bean
    OpenAPI iabulkOpenApi() {
        return new OpenAPI()
                .info(new Info().title("IA Bulk API").version("v1").description(DESCRIPTION))
                .components(new Components()
                        .addSecuritySchemes(
                                ADMIN_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The admin API key: `IABULK_ADMIN_API_KEY`, or the one printed on "
                                                + "the console at the first start in embedded mode"))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /** The generic answers of every operation, from what the edge and the handler's mapping enforce. */
    @Bean
    OperationCustomizer edgeResponses() {
        return (operation, handler) -> {
            boolean isPublic = EdgeInterceptor.find(handler, PublicEndpoint.class) != null;
            if (!isPublic) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(ADMIN_KEY)));
            }
            ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
            boolean body = operation.getRequestBody() != null;
            List<Parameter> parameters = operation.getParameters() != null ? operation.getParameters() : List.of();
            if (body || !parameters.isEmpty()) {
                addIfAbsent(
                        responses,
                        "400",
                        "Malformed or invalid input (a parameter, the body); invalid fields are listed in `errors`");
            }
            if (!isPublic) {
                addIfAbsent(responses, "401", "The admin key is missing or wrong");
            }
            if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
                addIfAbsent(responses, "404", "Nothing has this id");
            }
            if (body) {
                addIfAbsent(responses, "413", "The body is larger than this operation accepts");
                if (declaresConsumes(handler)) {
                    addIfAbsent(responses, "415", "The body's Content-Type is not one this operation reads");
                }
            }
            if (isPublic) {
                addIfAbsent(responses, "429", "Too many requests from this client IP; retry after `Retry-After`");
            }
            operation.setResponses(shaped(responses));
            return operation;
        };
    }

    /** The document's tags, in the order of {@link #TAGS}, each with its description. */
    @Bean
    OpenApiCustomizer orderedTags() {
        return openApi -> openApi.setTags(TAGS.entrySet().stream()
                .map(tag -> new Tag().name(tag.getKey()).description(tag.getValue()))
                .toList());
    }

    /** Sorted by code; errors as problems (429 with its {@code Retry-After}), 204 and 304 without a body. */
    private static ApiResponses shaped(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                if (code.equals("429")) {
                    response.addHeaderObject(
                            "Retry-After",
                            new Header()
                                    .description("Seconds to wait before the next request")
                                    .schema(typed(new Schema<>(), "integer")));
                }
            } else if (code.equals("204") || code.equals("304")) {
                response.setContent(null);
            }
            sorted.addApiResponse(code, response);
        });
        return sorted;
    }

    private static void addIfAbsent(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }

    /** Whether the mapping names the media types it reads (anything else is a 415). */
    private static boolean declaresConsumes(HandlerMethod handler) {
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        return (method != null && method.consumes().length > 0) || (type != null && type.consumes().length > 0);
    }

    /** RFC 9457 problem details as the edge writes them ({@link ProblemWriter}). */
    private static Schema<?> problemSchema() {
        Schema<?> fieldError = typed(new Schema<>(), "object")
                .addProperty("field", typed(new Schema<>(), "string").example("email"))
                .addProperty("message", typed(new Schema<>(), "string").example("must be a well-formed email address"))
                .required(List.of("field", "message"));
        return typed(new Schema<>(), "object")
                .description("RFC 9457 problem details. Some problems add members of their own (the template "
                        + "syntax error its `field`, `line` and `column`; too many events `maxEvents`).")
                .addProperty(
                        "type",
                        typed(new Schema<>(), "string")
                                .description("Stable and machine-readable: `urn:iabulk:problem:<code>`")
                                .example("urn:iabulk:problem:validation-failed"))
                .addProperty(
                        "title",
                        typed(new Schema<>(), "string")
                                .description("The status's reason phrase")
                                .example("Bad Request"))
                .addProperty("status", typed(new Schema<>(), "integer").example(400))
                .addProperty(
                        "detail",
                        typed(new Schema<>(), "string")
                                .description("What went wrong, for a human")
                                .example("The request has invalid fields"))
                .addProperty(
                        "instance",
                        typed(new Schema<>(), "string")
                                .description("The path of the request")
                                .example("/api/v1/contests"))
                .addProperty(
                        "requestId",
                        typed(new Schema<>(), "string")
                                .description("The request's `X-Request-ID`; quote it when reporting a problem")
                                .example("3f2a9c1e7b5d4e6f8a9b0c1d2e3f4a5b"))
                .addProperty(
                        "errors",
                        typed(new Schema<>(), "array")
                                .description("Per-field errors of a `validation-failed` problem")
                                .items(fieldError))
                .required(List.of("type", "title", "status"));
    }

    /** Sets the type for both OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) serialisation. */
    static <T extends Schema<?>> T typed(T schema, String type) {
        schema.setType(type);
        schema.setTypes(Set.of(type));
        return schema;
    }

    private static Map<String, String> tags(String... namesAndDescriptions) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            tags.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return Collections.unmodifiableMap(tags);
    }
}
