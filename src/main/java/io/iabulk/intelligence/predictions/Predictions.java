package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Run;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Stored;
import io.iabulk.platform.NotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Predictions as the API serves them (docs/decisions/0019, "Predictions"). A send time inside the
 * week the last scoring stored is answered from the contact's stored row alone (one query, no
 * model, no history); any other time is computed from the contact's timeline with the active
 * predictor. Score and tier always come from the last run (they rank the contact among all).
 */
@Component
class Predictions {

    static final int BEST_HOURS = 3;

    private final JdbcPredictionRepository repository;
    private final EngagementTimelines timelines;
    private final EngagementPredictor predictor;
    private final ScoringProperties properties;
    private final Clock clock;

    Predictions(
            JdbcPredictionRepository repository,
            EngagementTimelines timelines,
            EngagementPredictor predictor,
            ScoringProperties properties,
            Clock clock) {
        this.repository = repository;
        this.timelines = timelines;
        this.predictor = predictor;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A contact's prediction for a send at {@code at}.
     *
     * @throws NotFoundException when there is no such contact
     */
    ContactPrediction forContact(long contactId, Instant at) {
        Optional<Stored> stored = repository.find(contactId);
        if (stored.isPresent()) {
            Stored s = stored.get();
            int slot = HourProfile.slot(s.computedAt(), at);
            if (slot >= 0) {
                Integer score = s.score();
                Tier tier = s.tier() == null ? null : Tier.valueOf(s.tier());
                if (score == null) {
                    // scored by a run still in progress, not ranked yet: ranked against the last run
                    score = floors().score(s.open());
                    tier = score == null ? null : Tier.of(score, s.silent());
                }
                return new ContactPrediction(
                        contactId,
                        round(s.hours().open(slot)),
                        round(s.hours().click(slot)),
                        score,
                        tier,
                        s.hours().best(s.computedAt(), ZoneId.of(s.timeZone()), BEST_HOURS),
                        s.timeZone(),
                        s.modelId(),
                        s.source(),
                        s.computedAt());
            }
        }
        ContactTimeline timeline =
                timelines.of(contactId).orElseThrow(() -> new NotFoundException("Contact", contactId));
        Instant now = clock.instant();
        Scorer.Scored live =
                Scorer.score(timeline, predictor, at, HourProfile.sendTimes(at), properties.dormantAfter());
        Integer score;
        Tier tier;
        if (stored.isPresent() && stored.get().score() != null) {
            score = stored.get().score();
            tier = Tier.valueOf(stored.get().tier());
        } else {
            // not in the last run (created since, or not active then): ranked against that run
            score = floors().score(live.open());
            tier = score == null ? null : Tier.of(score, Scorer.silent(timeline, now, properties.dormantAfter()));
        }
        return new ContactPrediction(
                contactId,
                round(live.hours().open(0)),
                round(live.hours().click(0)),
                score,
                tier,
                live.hours().best(at, timeline.timeZone(), BEST_HOURS),
                live.timeZone(),
                predictor.modelId(),
                predictor.source(),
                now);
    }

    private ScoreFloors floors() {
        return repository.latestSucceeded().map(Run::floors).orElse(ScoreFloors.NONE);
    }

    /** Probabilities are given to 4 decimals: the stored hours hold about 5, the models far fewer. */
    static double round(double p) {
        return decimal(p).doubleValue();
    }

    /** A probability to 4 decimals, without trailing zeros; its text is never in E notation. */
    static BigDecimal decimal(double p) {
        BigDecimal rounded =
                BigDecimal.valueOf(p).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}
