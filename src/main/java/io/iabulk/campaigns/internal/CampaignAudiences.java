package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.Audience;
import io.iabulk.campaigns.SegmentService;
import io.iabulk.delivery.AudienceQuery;
import org.springframework.stereotype.Component;

/** The SQL of a campaign's audience, for delivery's snapshot. */
@Component
class CampaignAudiences {

    private final SegmentService segments;

    CampaignAudiences(SegmentService segments) {
        this.segments = segments;
    }

    AudienceQuery of(Audience audience) {
        return switch (audience.kind()) {
            case SEGMENT -> segments.audience(audience.segmentId());
            case CONTEST -> segments.contestAudience(audience.contestId());
            case ALL -> segments.allAudience();
        };
    }
}
