package io.iabulk.contacts.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The bodies of {@code POST /api/v1/contacts} and {@code PATCH /api/v1/contacts/{id}} for the API
 * documentation only: both are read as a tree by {@link ContactJsonReader}, never bound to these
 * types.
 */
final class ContactBodies {

    private static final String NAME = "Trimmed, one line, at most 100 characters; `null` or blank empties it";
    private static final String TIME_ZONE = "A time zone id such as `Europe/Paris`; `null` empties it";
    private static final String LOCALE = "A BCP 47 language tag such as `fr` or `pt-BR`; `null` empties it";
    private static final String ATTRIBUTES = "Attributes to set, as strings (names: letters, digits and `_`, not "
            + "first, at most 64; values at most 1,000 characters; at most 100 entries). An attribute sent as "
            + "`null` is removed, those left out stay; `\"attributes\": null` removes them all.";

    private ContactBodies() {}

    @Schema(
            name = "ContactUpsert",
            description = "A contact by address: created when new, else the fields sent replace the stored ones "
                    + "(left out stay, `null` empties). `status` is set with PATCH.",
            requiredProperties = "email",
            example = "{\"email\": \"ada@example.com\", \"firstName\": \"Ada\", \"locale\": \"en-GB\", "
                    + "\"timeZone\": \"Europe/London\", \"attributes\": {\"plan\": \"pro\"}}")
    record Upsert(
            @Schema(description = "The address; contacts are matched by its normalised form", maxLength = 254)
            String email,

            @Schema(description = NAME, nullable = true) String firstName,
            @Schema(description = NAME, nullable = true) String lastName,

            @Schema(description = TIME_ZONE, nullable = true)
            String timeZone,

            @Schema(description = LOCALE, nullable = true) String locale,

            @Schema(description = ATTRIBUTES, nullable = true)
            Map<String, String> attributes) {}

    @Schema(
            name = "ContactPatch",
            description = "A JSON merge patch of a contact: every field is optional, left out stays, `null` empties. "
                    + "`email` may only be re-sent as the same mailbox (other spelling); unknown fields are refused.",
            example = "{\"lastName\": \"Lovelace\", \"attributes\": {\"plan\": null}, \"status\": \"UNSUBSCRIBED\"}")
    record Patch(
            @Schema(description = "The same mailbox only: an address identifies its contact")
            String email,

            @Schema(description = NAME, nullable = true) String firstName,
            @Schema(description = NAME, nullable = true) String lastName,

            @Schema(description = TIME_ZONE, nullable = true)
            String timeZone,

            @Schema(description = LOCALE, nullable = true) String locale,

            @Schema(description = ATTRIBUTES, nullable = true)
            Map<String, String> attributes,

            @Schema(
                    description = "ACTIVE and UNSUBSCRIBED only, from one another (BOUNCED and COMPLAINED "
                            + "are final and come from delivery; DELETE erases)",
                    allowableValues = {"ACTIVE", "UNSUBSCRIBED"})
            String status) {}
}
