package io.iabulk.contacts.internal;

import io.iabulk.platform.StreamedUploadEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    /** The import endpoint streams its body to disk under its own limit, not the edge's. */
    @Bean
    StreamedUploadEndpoint contactImportUploads() {
        return new StreamedUploadEndpoint("/api/v1/contacts/imports");
    }
}
