package io.iabulk.webhooks.web;

import io.iabulk.platform.Page;
import io.iabulk.platform.RequiresRole;
import io.iabulk.platform.Role;
import io.iabulk.webhooks.CreatedWebhook;
import io.iabulk.webhooks.NewWebhook;
import io.iabulk.webhooks.Webhook;
import io.iabulk.webhooks.WebhookDelivery;
import io.iabulk.webhooks.WebhookService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Outgoing webhooks (admin key required; owners on the console): docs/decisions/0025. */
@RestController
@Tag(name = "Webhooks")
@RequiresRole(Role.OWNER)
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            summary = "Create a webhook",
            description = "`url`: https (http only where `iabulk.webhooks.allow-private-addresses` is on), at most "
                    + "2,048 characters, reaching a public address. `events`: one or more of participant.signed_up, "
                    + "participant.confirmed, referral.credited, referral.flagged, milestone.reached, "
                    + "campaign.finished, contact.unsubscribed. `secret`: 16 to 200 printable characters, or left "
                    + "out to have one generated. The answer is the only one that shows the secret.")
    @ApiResponse(responseCode = "201", description = "Created, with its secret; `Location` names it")
    @ApiResponse(responseCode = "400", description = "A field is invalid (per-field `errors`)")
    @ApiResponse(responseCode = "409", description = "There are `iabulk.webhooks.max-webhooks` webhooks already")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedWebhook> create(@RequestBody NewWebhook webhook) {
        CreatedWebhook created = webhooks.create(webhook);
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id()))
                .body(created);
    }

    @Operation(summary = "List the webhooks", description = "Oldest first; never their secrets.")
    @GetMapping
    List<Webhook> list() {
        return webhooks.list();
    }

    @Operation(summary = "Read a webhook")
    @GetMapping("/{id}")
    Webhook get(@PathVariable long id) {
        return webhooks.get(id);
    }

    @Operation(summary = "Delete a webhook", description = "With its delivery log; waiting deliveries are dropped.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        webhooks.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Enable a webhook again",
            description = "A webhook is disabled after failing for a day (`iabulk.webhooks.disable-after`); enabling "
                    + "it sends its waiting deliveries and gives it a day again. Enabling an enabled one does nothing.")
    @PostMapping("/{id}/enable")
    Webhook enable(@PathVariable long id) {
        return webhooks.enable(id);
    }

    @Operation(
            summary = "A webhook's delivery log",
            description = "Newest first, keyset-paged: pass `nextCursor` as `cursor`. `status`: PENDING, SENDING, "
                    + "DELIVERED or FAILED.")
    @GetMapping("/{id}/deliveries")
    Page<WebhookDelivery> deliveries(
            @PathVariable long id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return webhooks.deliveries(id, status, cursor, limit);
    }
}
