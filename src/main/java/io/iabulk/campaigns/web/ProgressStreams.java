package io.iabulk.campaigns.web;

import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Streams a campaign's progress once a second, each stream on its own virtual thread. */
@Component
class ProgressStreams {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration MAX_STREAM = Duration.ofHours(6);

    private final CampaignService campaigns;

    ProgressStreams(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    SseEmitter open(Campaign first) {
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        Thread.ofVirtual().name("campaign-progress-" + first.id()).start(() -> stream(emitter, first));
        return emitter;
    }

    private void stream(SseEmitter emitter, Campaign first) {
        Campaign campaign = first;
        try {
            while (true) {
                emitter.send(SseEmitter.event()
                        .name("progress")
                        .id(Long.toString(System.currentTimeMillis()))
                        .data(campaign, MediaType.APPLICATION_JSON));
                if (campaign.status().terminal()) {
                    emitter.complete();
                    return;
                }
                Thread.sleep(PERIOD);
                campaign = campaigns.get(campaign.id());
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the emitter timed out: nothing to clean up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            emitter.completeWithError(e);
        }
    }
}
