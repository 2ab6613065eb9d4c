package io.iabulk.contests.web;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The API document says what the contest paths accept: every {@code {id}} of this module's
 * controllers that is read as text is a contest's id or its slug ({@code ContestService.resolve}).
 */
@Configuration(proxyBeanMethods = false)
class ContestPathDocumentation {

    @Bean
    OperationCustomizer contestIdOrSlug() {
        return (operation, handler) -> {
            if (operation.getParameters() == null
                    || !handler.getBeanType()
                            .getPackageName()
                            .equals(ContestPathDocumentation.class.getPackageName())) {
                return operation;
            }
            for (MethodParameter parameter : handler.getMethodParameters()) {
                PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
                String name = path == null || path.value().isEmpty()
                        ? parameter.getParameter().getName()
                        : path.value();
                if (path != null && "id".equals(name) && parameter.getParameterType() == String.class) {
                    operation.getParameters().stream()
                            .filter(p -> "path".equals(p.getIn()) && "id".equals(p.getName()))
                            .forEach(p -> p.description("The contest's id, or its slug (e.g. `summer`)"));
                }
            }
            return operation;
        };
    }
}
