package io.iabulk.intelligence.predictions;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of send-time optimisation, prefix {@code iabulk.intelligence.send-time}
 * (docs/decisions/0022).
 *
 * @param groupWeight how far a recipient's hour is pulled towards the hours of people like them
 *     (same time zone and engagement tier): the weight of the group's log profile against the
 *     person's own predicted log profile, 0 (the person's own best hour) to 1 (the group's)
 * @param minGroupSize the fewest scored contacts a time zone and tier group needs to count as
 *     "people like them"; a smaller group gives way to the time zone's, then the population's
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.send-time")
public record SendTimeProperties(
        @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.5")
        double groupWeight,

        @Min(1) @Max(1_000_000) @DefaultValue("30") int minGroupSize) {}
