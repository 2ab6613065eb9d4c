package io.iabulk.platform.web;

import io.iabulk.platform.PublicEndpoint;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says what the edge enforces: every operation needs the admin key unless it
 * is a {@link PublicEndpoint}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String ADMIN_KEY = "adminKey";

    @Bean
    OpenAPI iabulkOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("IA Bulk API")
                        .version("v1")
                        .description("Referral contests and bulk email. Admin operations need "
                                + "'Authorization: Bearer <admin key>'; errors are application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                ADMIN_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The admin API key")));
    }

    @Bean
    OperationCustomizer adminKeyUnlessPublic() {
        return (operation, handler) -> {
            if (EdgeInterceptor.find(handler, PublicEndpoint.class) == null) {
                operation.setSecurity(List.of(new SecurityRequirement().addList(ADMIN_KEY)));
            }
            return operation;
        };
    }
}
