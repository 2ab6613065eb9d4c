package io.iabulk.intelligence.models;

import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active model of one kind as this instance serves it: read from the registry once per
 * activation and cached. {@link #refresh()} reads which model is active (one index probe) and swaps
 * when another one is; a model whose bytes cannot be read here is logged once and the one answering
 * stays (the fallback, on the first read). Shared by the predictors of each kind.
 *
 * @param <M> the model's type
 */
final class ActiveModel<M> {

    private static final Logger log = LoggerFactory.getLogger(ActiveModel.class);

    /** What answers: a model and its id, or the fallback (both null). */
    record Serving<M>(Long modelId, M model) {}

    private final String kind;
    private final String fallback;
    private final JdbcModelRepository models;
    private final Function<byte[], M> reader;
    private final Function<M, String> describe;

    /** Null before the first read. */
    private volatile Serving<M> serving;

    /** An active model whose bytes could not be read here: not read again until another is active. */
    private volatile Long unreadable;

    /**
     * @param fallback what answers while no model does, for the logs ("the baseline", "the rules")
     * @param describe what the log says a newly served model does
     */
    ActiveModel(
            String kind,
            String fallback,
            JdbcModelRepository models,
            Function<byte[], M> reader,
            Function<M, String> describe) {
        this.kind = kind;
        this.fallback = fallback;
        this.models = models;
        this.reader = reader;
        this.describe = describe;
    }

    /** What answers now, read on first use. */
    Serving<M> current() {
        Serving<M> answering = serving;
        if (answering == null) {
            refresh();
            answering = serving;
        }
        return answering;
    }

    synchronized void refresh() {
        Long active = models.activeId(kind).orElse(null);
        Serving<M> answering = serving;
        if (answering != null && Objects.equals(answering.modelId(), active)) {
            return;
        }
        if (active == null) {
            serving = new Serving<>(null, null);
            unreadable = null;
            log.info("No {} model is active: {} answers", kind, fallback);
            return;
        }
        if (active.equals(unreadable)) {
            return;
        }
        try {
            byte[] bytes = models.bytes(active).orElseThrow(() -> new IllegalStateException("no model " + active));
            M model = reader.apply(bytes);
            serving = new Serving<>(active, model);
            unreadable = null;
            log.info("The {} model {} now answers: {}", kind, active, describe.apply(model));
        } catch (RuntimeException e) {
            unreadable = active;
            if (answering == null) {
                serving = new Serving<>(null, null);
            }
            log.error(
                    "The active {} model {} cannot be read by this instance; {} keeps answering",
                    kind,
                    active,
                    serving.modelId() == null ? fallback : "model " + serving.modelId(),
                    e);
        }
    }
}
