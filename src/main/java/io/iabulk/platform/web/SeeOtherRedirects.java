package io.iabulk.platform.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * A page's {@code "redirect:"} answers 303 See Other, not 302: after a form post the browser must
 * fetch the next page with {@code GET}, so that reloading it never posts the form again.
 */
@Component
class SeeOtherRedirects implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof ThymeleafViewResolver resolver) {
            resolver.setRedirectHttp10Compatible(false);
        }
        return bean;
    }
}
