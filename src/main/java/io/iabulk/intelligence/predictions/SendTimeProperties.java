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
 * (docs/decisions/0022). A recipient's hour maximises {@code modelWeight × log P(open) of the
 * model + groupWeight × log prior(hour) + Σ log(floor + kernel(open hour − hour))}: the active
 * model's prediction, refined by the local hours at which the person opened (each one a kernel of
 * {@code openHourWidth}), shrunk towards the hours at which people like them open.
 *
 * @param modelWeight the weight of the active model's stored P(open) of the hour
 * @param groupWeight the weight of the prior: when people of the same time zone and engagement tier
 *     open (the time zone's, then the population's in UTC, when the group has too few opens)
 * @param openHourWidth the width (standard deviation, in hours) of the kernel around each open's
 *     local hour, and of the smoothing of the priors
 * @param openFloor the floor added to each open's kernel, so that one open far from an hour does not
 *     rule it out (smaller: the person's opens weigh more against the prior)
 * @param minGroupOpens the fewest imported human opens a time zone and tier group (or a time zone)
 *     needs to serve as the prior of its members
 */
@Validated
@ConfigurationProperties("iabulk.intelligence.send-time")
public record SendTimeProperties(
        @DecimalMin("0") @DecimalMax("10") @DefaultValue("1")
        double modelWeight,

        @DecimalMin("0") @DecimalMax("10") @DefaultValue("1")
        double groupWeight,

        @DecimalMin("0.25") @DecimalMax("12") @DefaultValue("2")
        double openHourWidth,

        @DecimalMin("0.001") @DecimalMax("10") @DefaultValue("0.05")
        double openFloor,

        @Min(1) @Max(1_000_000_000) @DefaultValue("100") int minGroupOpens) {}
