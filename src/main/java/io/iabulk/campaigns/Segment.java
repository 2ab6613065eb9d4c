package io.iabulk.campaigns;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** A stored audience filter (see {@link SegmentService} for the filter language). */
public record Segment(long id, String name, JsonNode filter, Instant createdAt) {}
