package io.iabulk.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.MappedInterceptor;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

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
