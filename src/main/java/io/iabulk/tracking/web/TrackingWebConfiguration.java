package io.iabulk.tracking.web;

import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.PublicRateLimits;
import io.iabulk.tracking.TrackingLinks;
import io.iabulk.tracking.internal.HitRecorder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the open pixel and click redirects from their own servlet (see {@link TrackingServlet}). */
@Configuration(proxyBeanMethods = false)
class TrackingWebConfiguration {

    @Bean
    ServletRegistrationBean<TrackingServlet> trackingServlet(
            TrackingLinks links,
            HitRecorder recorder,
            DeliveryService delivery,
            ClientAddresses clients,
            PublicRateLimits rateLimits) {
        ServletRegistrationBean<TrackingServlet> registration = new ServletRegistrationBean<>(
                new TrackingServlet(links, recorder, delivery, clients, rateLimits),
                TrackingServlet.OPEN + "/*",
                TrackingServlet.CLICK + "/*");
        registration.setName("tracking");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
