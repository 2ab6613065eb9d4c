package io.iabulk.intelligence.predictions;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DayOfWeek;

/**
 * One of a contact's best hours to receive mail in the coming week, in its time zone.
 *
 * @param dayOfWeek the local day
 * @param hour the local hour, 0 to 23 (a send during that hour)
 * @param openProbability P(human open within 72 h) of a send then
 */
public record BestHour(
        DayOfWeek dayOfWeek,

        @Schema(minimum = "0", maximum = "23", example = "9")
        int hour,

        @Schema(minimum = "0", maximum = "1", example = "0.3412")
        double openProbability) {}
