package io.iabulk.dashboard.console.campaigns;

import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import io.iabulk.platform.Operator;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;

/**
 * Streams the live part of a campaign's page: the progress fragment, rendered on the stream's own
 * virtual thread, once a second when it changed (and at least every 15 s, which also tells a dead
 * client apart), then a {@code done} event once the campaign is finished or cancelled.
 */
@Component
class CampaignProgressStreams {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Duration MAX_STREAM = Duration.ofHours(6);
    private static final String FRAGMENT = "console/campaigns/progress";

    private final CampaignService campaigns;
    private final ITemplateEngine engine;
    private final ApplicationContext application;
    private final ConversionService conversions;

    CampaignProgressStreams(
            CampaignService campaigns,
            ITemplateEngine engine,
            ApplicationContext application,
            @org.springframework.beans.factory.annotation.Qualifier("mvcConversionService")
                    ConversionService conversions) {
        this.campaigns = campaigns;
        this.engine = engine;
        this.application = application;
        this.conversions = conversions;
    }

    SseEmitter open(Campaign first, Operator operator) {
        SseEmitter emitter = new SseEmitter(MAX_STREAM.toMillis());
        Thread.ofVirtual()
                .name("console-campaign-progress-" + first.id())
                .start(() -> stream(emitter, first, operator));
        return emitter;
    }

    private void stream(SseEmitter emitter, Campaign first, Operator operator) {
        Campaign campaign = first;
        String last = null;
        long lastSent = 0;
        try {
            while (true) {
                String html = render(campaign, operator);
                long now = System.nanoTime();
                if (!html.equals(last) || now - lastSent >= KEEP_ALIVE.toNanos()) {
                    emitter.send(SseEmitter.event().name("progress").data(html, MediaType.TEXT_HTML));
                    last = html;
                    lastSent = now;
                }
                if (campaign.status().terminal()) {
                    // the page closes its EventSource on this event, so the end is not an error
                    emitter.send(SseEmitter.event()
                            .name("done")
                            .data(campaign.status().name()));
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

    /** The fragment on one line: an SSE data field ends at a line break. */
    String render(Campaign campaign, Operator operator) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariables(Map.of(
                "campaign",
                campaign,
                "view",
                CampaignRow.of(campaign),
                "operator",
                operator,
                "csrf",
                operator.csrfToken() == null ? "" : operator.csrfToken()));
        context.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(application, conversions));
        return engine.process(FRAGMENT, Set.of("live"), context).replaceAll("\\s*\\R\\s*", " ");
    }
}
