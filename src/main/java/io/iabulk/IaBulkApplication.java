package io.iabulk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** IA Bulk: referral contests and bulk email marketing in one service. */
// the edge filter records http.server.requests itself, at a fraction of the observation's cost
@SpringBootApplication(excludeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration")
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class IaBulkApplication {

    public static void main(String[] args) {
        SpringApplication.run(IaBulkApplication.class, args);
    }
}
