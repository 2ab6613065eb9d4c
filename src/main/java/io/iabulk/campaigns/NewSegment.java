package io.iabulk.campaigns;

import io.iabulk.platform.SingleLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

/** What an operator sends to create a segment. */
public record NewSegment(
        @NotBlank @Size(max = 200) @SingleLine String name,
        @NotNull JsonNode filter) {}
