package io.iabulk.platform.web;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.MappedInterceptor;

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
     * The edge's access check as a mapped interceptor without patterns: every handler mapping of the
     * context (and of a child context, such as a separate management port's) detects it and applies
     * it to every request, whatever handler serves it.
     */
    @Bean
    MappedInterceptor edgeInterceptorForEveryMapping(EdgeInterceptor edge) {
        return new MappedInterceptor(null, edge);
    }
}
