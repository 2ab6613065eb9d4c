package io.iabulk.campaigns.web;

import io.iabulk.campaigns.NewSegment;
import io.iabulk.campaigns.Segment;
import io.iabulk.campaigns.SegmentService;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators' segment API (admin key required). */
@RestController
@RequestMapping(path = "/api/v1/segments", produces = MediaType.APPLICATION_JSON_VALUE)
class SegmentController {

    private final SegmentService segments;

    SegmentController(SegmentService segments) {
        this.segments = segments;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Segment> create(@Valid @RequestBody NewSegment segment) {
        Segment created = segments.create(segment);
        return ResponseEntity.created(URI.create("/api/v1/segments/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    Segment get(@PathVariable long id) {
        return segments.get(id);
    }

    /** How many contacts match now (suppressed ones included). */
    @GetMapping("/{id}/count")
    Map<String, Long> count(@PathVariable long id) {
        return Map.of("count", segments.count(id));
    }
}
