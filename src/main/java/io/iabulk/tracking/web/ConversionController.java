package io.iabulk.tracking.web;

import io.iabulk.platform.NotFoundException;
import io.iabulk.tracking.internal.Conversions;
import io.iabulk.tracking.internal.Conversions.Recorded;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Conversions reported by the operator's backend (admin API key). */
@RestController
@Tag(name = "Tracking")
class ConversionController {

    private final Conversions conversions;

    ConversionController(Conversions conversions) {
        this.conversions = conversions;
    }

    /**
     * The answer to a conversion.
     *
     * @param firstConversion whether it was the send's first conversion (a unique conversion)
     */
    record ConversionRecorded(long sendId, Long campaignId, boolean firstConversion) {}

    /**
     * Attributes a conversion to a send: {@code 201} when recorded, {@code 200} when its {@code
     * eventId} was already recorded (a retry: nothing counted again), {@code 404} when the token is
     * forged or no send matches (the answer never says which).
     */
    @Operation(
            summary = "Report a conversion",
            description = "Attributes a conversion (a purchase, a signup) to a sent message: by `token`, the "
                    + "`iab_click` value the click redirect appended to the landing page's URL, or by `contactId` "
                    + "and `campaignId`. `value` (at most 4 decimals) needs its ISO 4217 `currency`. Idempotent by "
                    + "`eventId`: a retry with the same id on the same day counts nothing again (200).")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "This `eventId` was recorded already: nothing counted again")
    @ApiResponse(
            responseCode = "404",
            description = "The token is forged, or no send matches (the answer never says which)")
    @PostMapping(
            path = "/api/v1/conversions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ConversionRecorded> record(@RequestBody ConversionRequest request) {
        Recorded recorded = conversions
                .record(request.validated())
                .orElseThrow(() -> new NotFoundException("Send", "of this conversion"));
        return ResponseEntity.status(recorded.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new ConversionRecorded(recorded.sendId(), recorded.campaignId(), recorded.firstConversion()));
    }
}
