package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.ContactPredictions;
import io.iabulk.platform.NotFoundException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link ContactPredictions} from {@link Predictions}: what the API answers, for pages. */
@Component
class PagePredictions implements ContactPredictions {

    private final Predictions predictions;
    private final Clock clock;

    PagePredictions(Predictions predictions, Clock clock) {
        this.predictions = predictions;
        this.clock = clock;
    }

    @Override
    public Optional<Prediction> now(long contactId) {
        ContactPrediction p;
        try {
            p = predictions.forContact(contactId, clock.instant());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new Prediction(
                p.openProbability(),
                p.clickProbability(),
                p.engagementScore(),
                p.tier() == null ? null : p.tier().name(),
                p.bestHours().stream()
                        .map(h -> new Hour(h.dayOfWeek(), h.hour(), h.openProbability()))
                        .toList(),
                p.timeZone(),
                p.modelId(),
                p.source(),
                p.computedAt()));
    }
}
