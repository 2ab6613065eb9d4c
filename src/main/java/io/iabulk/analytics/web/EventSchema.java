package io.iabulk.analytics.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One event of {@code POST /api/v1/events} for the API documentation only: the body is read as a
 * stream by {@link EventBodyReader}, never bound to this type.
 */
@Schema(
        name = "Event",
        description = "One event about one contact: `contactId` or `email` (exactly one), and its `type`. An invalid "
                + "event is reported by its index; the others are stored.")
record EventSchema(
        @Schema(
                description = "Your id of the event (1 to 64 characters): an id already stored for the same "
                        + "day is a duplicate, not stored again",
                maxLength = 64)
        String eventId,

        @Schema(description = "The contact, by id") Long contactId,

        @Schema(description = "The contact, by address (it must exist)")
        String email,

        @Schema(
                description = "Dotted lower-case words (a-z, 0-9, _), at most 64 characters. The prefixes "
                        + "`email.`, `contest.`, `referral.` and the type `conversion` are the platform's own",
                requiredMode = Schema.RequiredMode.REQUIRED,
                pattern = "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$",
                maxLength = 64,
                example = "purchase")
        String type,

        @Schema(description = "The contest it belongs to", minimum = "1")
        Long contestId,

        @Schema(description = "The campaign it belongs to", minimum = "1")
        Long campaignId,

        @Schema(
                description = "When it happened, with a zone; now when left out. It must lie within the "
                        + "retention period (7 days by default)")
        Instant occurredAt,

        @Schema(description = "Anything else, as a JSON object of at most 4 KB")
        Map<String, Object> properties) {}
