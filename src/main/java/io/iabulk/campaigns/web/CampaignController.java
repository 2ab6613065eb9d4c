package io.iabulk.campaigns.web;

import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import io.iabulk.campaigns.NewCampaign;
import io.iabulk.platform.Page;
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
@RequestMapping(path = "/api/v1/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
class CampaignController {

    private final CampaignService campaigns;
    private final ProgressStreams streams;

    CampaignController(CampaignService campaigns, ProgressStreams streams) {
        this.campaigns = campaigns;
        this.streams = streams;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Campaign> create(@Valid @RequestBody NewCampaign campaign) {
        Campaign created = campaigns.create(campaign);
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id()))
                .body(created);
    }

    @GetMapping
    Page<Campaign> list(
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return Page.of(campaigns.list(cursor == null ? 0 : cursor, limit + 1), limit, Campaign::id);
    }

    @GetMapping("/{id}")
    Campaign get(@PathVariable long id) {
        return campaigns.get(id);
    }

    @PostMapping("/{id}/start")
    Campaign start(@PathVariable long id) {
        return campaigns.start(id);
    }

    @PostMapping("/{id}/pause")
    Campaign pause(@PathVariable long id) {
        return campaigns.pause(id);
    }

    @PostMapping("/{id}/resume")
    Campaign resume(@PathVariable long id) {
        return campaigns.resume(id);
    }

    @PostMapping("/{id}/cancel")
    Campaign cancel(@PathVariable long id) {
        return campaigns.cancel(id);
    }

    /**
     * Progress as Server-Sent Events: a {@code progress} event (the campaign with its counts) once
     * a second, ending after the event that shows it {@code FINISHED} or {@code CANCELLED}.
     */
    @GetMapping(path = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter progress(@PathVariable long id) {
        Campaign first = campaigns.get(id); // 404 before the stream opens
        return streams.open(first);
    }
}
