package io.iabulk.intelligence.history;

import io.iabulk.platform.StreamedUploadEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    /** The history import streams its body to disk under its own limit, not the edge's. */
    @Bean
    StreamedUploadEndpoint historyImportUploads() {
        return new StreamedUploadEndpoint(HistoryImportController.PATH);
    }
}
