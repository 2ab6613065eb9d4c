package io.iabulk.platform.web;

import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    /**
     * The console's own assets (styles, script, icons) under a route of their own, so that the edge
     * can declare exactly that route public ({@link PublicRoutes}) and not the catch-all one.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PublicRoutes.CONSOLE_ASSETS)
                .addResourceLocations("classpath:/static/console/")
                .setCacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic());
    }

    /**
     * No rewriting of the links a page writes. Spring Boot registers {@link ResourceUrlEncodingFilter}
     * once a resource chain is on (the WebJars locator turns it on), so that links to static files
     * could carry a content version. The console uses no versioned links, and the filter looked up
     * every link of every page on the class path (the jar's index, a miss each time, never cached):
     * 70 % of the contacts list's time (JFR). WebJars are still served without a version in their
     * path: that is the resource handler's resolver, not this filter.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> noResourceUrlRewriting(
            ObjectProvider<ResourceUrlEncodingFilter> registered) {
        FilterRegistrationBean<ResourceUrlEncodingFilter> registration =
                new FilterRegistrationBean<>(registered.getIfAvailable(ResourceUrlEncodingFilter::new));
        registration.setEnabled(false);
        return registration;
    }

    /**
     * The edge's access check as a mapped interceptor without patterns: every handler mapping of the
     * context (and of a child context, such as a separate management port's) detects it and applies
     * it to every request, whatever handler serves it.
     */
    @Bean
    MappedInterceptor edgeInterceptorForEveryMapping(EdgeInterceptor edge) {
        return new MappedInterceptor(null, edge);
    }
}
