package io.iabulk.campaigns.web;

import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import io.iabulk.campaigns.NewCampaign;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Operators' campaign API (admin key required). */
@RestController
@Tag(name = "Campaigns")
@RequestMapping(path = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
class CampaignController {

    private final CampaignService campaigns;
    private final ProgressStreams streams;

    CampaignController(CampaignService campaigns, ProgressStreams streams) {
        this.campaigns = campaigns;
        this.streams = streams;
    }

    @Operation(
            summary = "Create a campaign",
            description = "Created in DRAFT; nothing is queued until it is started. `audience` is exactly one of "
                    + "`{\"segmentId\": n}`, `{\"contestId\": n}` or `{\"all\": true}`; the template, segment and "
                    + "contest must exist (else 400 naming the field).")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new campaign")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Campaign> create(@Valid @RequestBody NewCampaign campaign) {
        Campaign created = campaigns.create(campaign);
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id()))
                .body(created);
    }

    @Operation(summary = "List campaigns", description = "By id, keyset-paged (`cursor` is the page's `nextCursor`).")
    @GetMapping
    Page<Campaign> list(
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return Page.of(campaigns.list(cursor == null ? 0 : cursor, limit + 1), limit, Campaign::id);
    }

    @Operation(summary = "Read a campaign", description = "With the exact progress of its sends.")
    @GetMapping("/{id}")
    Campaign get(@PathVariable long id) {
        return campaigns.get(id);
    }

    @Operation(
            summary = "Start a campaign",
            description = "A DRAFT becomes SCHEDULED when its `sendAt` lies ahead, else RUNNING at once: the "
                    + "audience is snapshotted (suppressed contacts left out and counted) while the first messages "
                    + "go out.")
    @ApiResponse(responseCode = "200", description = "The started campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is not a DRAFT (the problem names its status)")
    @PostMapping("/{id}/start")
    Campaign start(@PathVariable long id) {
        return campaigns.start(id);
    }

    @Operation(
            summary = "Pause a campaign",
            description = "A RUNNING campaign stops claiming messages; those in flight finish.")
    @ApiResponse(responseCode = "200", description = "The paused campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is not RUNNING")
    @PostMapping("/{id}/pause")
    Campaign pause(@PathVariable long id) {
        return campaigns.pause(id);
    }

    @Operation(summary = "Resume a campaign", description = "A PAUSED campaign is RUNNING again.")
    @ApiResponse(responseCode = "200", description = "The running campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is not PAUSED")
    @PostMapping("/{id}/resume")
    Campaign resume(@PathVariable long id) {
        return campaigns.resume(id);
    }

    @Operation(
            summary = "Cancel a campaign",
            description = "For good: messages not yet sent become CANCELLED. From DRAFT, SCHEDULED, RUNNING or PAUSED.")
    @ApiResponse(responseCode = "200", description = "The cancelled campaign")
    @ApiResponse(responseCode = "409", description = "The campaign is FINISHED or CANCELLED already")
    @PostMapping("/{id}/cancel")
    Campaign cancel(@PathVariable long id) {
        return campaigns.cancel(id);
    }

    /**
     * Progress as Server-Sent Events: a {@code progress} event (the campaign with its counts) once
     * a second, ending after the event that shows it {@code FINISHED} or {@code CANCELLED}.
     */
    @Operation(
            summary = "Follow a campaign's progress",
            description = "Server-Sent Events: a `progress` event (the campaign with its counts) once a second; the "
                    + "stream ends after the event that shows it FINISHED or CANCELLED.")
    @ApiResponse(
            responseCode = "200",
            description = "The event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @GetMapping(path = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@PathVariable long id) {
        Campaign first = campaigns.get(id); // 404 before the stream opens
        return streams.open(first);
    }
}
