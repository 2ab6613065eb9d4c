package io.iabulk.campaigns;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * A campaign's send-time optimisation (docs/decisions/0022): each recipient is sent during the hour
 * of the window {@code [start, start + windowHours)} at which the active engagement model predicts
 * their highest open probability, shrunk towards people like them (same time zone and engagement
 * tier), spread over the hour by contact.
 *
 * @param windowHours the window's length in hours from the campaign's start, 1 to 168
 */
public record SendTimeOptimization(
        @NotNull @Min(1) @Max(168) @Schema(minimum = "1", maximum = "168", example = "24")
        Integer windowHours) {}
