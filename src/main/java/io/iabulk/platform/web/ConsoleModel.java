package io.iabulk.platform.web;

import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.Operator;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands the signed-in {@link Operator} to controllers: as a parameter of any handler, and to the
 * views of {@link ConsolePage} handlers as the model attributes {@code operator} and {@code csrf}.
 */
@Component
class ConsoleModel implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Operator.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        Operator operator =
                Operator.of(request.getNativeRequest(HttpServletRequest.class)).orElse(null);
        if (operator == null && !parameter.isOptional()) {
            // the edge lets no handler run without a caller, except public ones
            throw new UnauthorizedException("Sign in at /login first");
        }
        return operator;
    }

    /** The signed-in operator and the session's token, for the views of the console's pages. */
    @ControllerAdvice(annotations = ConsolePage.class)
    static class Attributes {

        @ModelAttribute
        void operator(HttpServletRequest request, Model model) {
            Operator.of(request).ifPresent(operator -> {
                model.addAttribute("operator", operator);
                model.addAttribute("csrf", operator.csrfToken());
            });
        }
    }
}
