package io.iabulk.intelligence.predictions;

import io.iabulk.intelligence.predictions.BaselinePredictor.Population;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The baseline's population rates as the last scoring run learned them, for every instance: read
 * from that run's row at most once a {@value #REFRESH_SECONDS} seconds, and at once on the instance
 * that ran it. {@link Population#PRIOR} before the first run.
 */
@Component
class PopulationRates implements Supplier<Population> {

    static final long REFRESH_SECONDS = 60;

    private final JdbcPredictionRepository repository;
    private final Clock clock;
    private volatile Population current;
    private volatile Instant readAt = Instant.MIN;

    PopulationRates(JdbcPredictionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Population get() {
        return learned().orElse(Population.PRIOR);
    }

    /** The rates of the last run, or empty before the first. */
    Optional<Population> learned() {
        Instant now = clock.instant();
        if (Duration.between(readAt, now).toSeconds() >= REFRESH_SECONDS || now.isBefore(readAt)) {
            current = repository
                    .latestSucceeded()
                    .map(JdbcPredictionRepository.Run::population)
                    .map(Population::decode)
                    .orElse(current);
            readAt = now;
        }
        return Optional.ofNullable(current);
    }

    /** Rates just learned on this instance. */
    void use(Population population) {
        current = population;
        readAt = clock.instant();
    }
}
