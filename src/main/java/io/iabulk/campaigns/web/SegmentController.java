package io.iabulk.campaigns.web;

import io.iabulk.campaigns.NewSegment;
import io.iabulk.campaigns.Segment;
import io.iabulk.campaigns.SegmentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' segment API (admin key required). */
@RestController
@Tag(name = "Segments")
@RequestMapping(path = "/api/v1/segments", produces = MediaType.APPLICATION_JSON_VALUE)
class SegmentController {

    private final SegmentService segments;

    SegmentController(SegmentService segments) {
        this.segments = segments;
    }

    @Operation(
            summary = "Create a segment",
            description = "A named filter over contacts (schema `SegmentFilter`): conditions on status, profile, "
                    + "attributes, contest participation and engagement, combined with `all` / `any` groups. The "
                    + "whole filter is checked when stored: every invalid node is a 400 error naming its JSON path "
                    + "(`filter.all[1].op`), and nothing is stored.")
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new segment")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Segment> create(@Valid @RequestBody NewSegment segment) {
        Segment created = segments.create(segment);
        return ResponseEntity.created(URI.create("/api/v1/segments/" + created.id()))
                .body(created);
    }

    @Operation(
            summary = "Replace a segment",
            description = "A new name and filter, checked as on creation (400 naming each bad node; nothing is "
                    + "changed). Campaigns that already snapshotted their audience keep it.")
    @ApiResponse(responseCode = "200", description = "The segment as changed")
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Segment update(@PathVariable long id, @Valid @RequestBody NewSegment segment) {
        return segments.update(id, segment);
    }

    @Operation(summary = "Read a segment")
    @GetMapping("/{id}")
    Segment get(@PathVariable long id) {
        return segments.get(id);
    }

    /** How many contacts match now (suppressed ones included). */
    @Operation(
            summary = "Count a segment's contacts",
            description = "How many contacts match now, suppressed ones included (a campaign leaves those out).")
    @ApiResponse(
            responseCode = "200",
            description = "The count",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object", requiredProperties = "count"),
                            schemaProperties =
                                    @SchemaProperty(
                                            name = "count",
                                            schema = @Schema(type = "integer", format = "int64", example = "1250"))))
    @GetMapping("/{id}/count")
    Map<String, Long> count(@PathVariable long id) {
        return Map.of("count", segments.count(id));
    }
}
