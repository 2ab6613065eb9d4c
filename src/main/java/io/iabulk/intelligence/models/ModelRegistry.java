package io.iabulk.intelligence.models;

import io.iabulk.intelligence.learning.EngagementModel;
import io.iabulk.intelligence.learning.EngagementModels;
import io.iabulk.intelligence.learning.EngagementTrainer.Outcome;
import io.iabulk.intelligence.learning.EngagementTrainer.Window;
import io.iabulk.intelligence.learning.RiskModel;
import io.iabulk.intelligence.models.JdbcModelRepository.NewModel;
import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The model registry (docs/decisions/0019, "Registry, training runs and activation"): models read,
 * listed and activated, and a training run's model stored with the end of its job in one
 * transaction. Every change of the active model locks the kind's row first and publishes
 * {@link ModelActivated} after its commit. Two kinds: {@code engagement} and {@code referral-risk}
 * (docs/decisions/0028), each with at most one ACTIVE model.
 */
@Component
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    private final JdbcModelRepository models;
    private final JdbcTrainingJobRepository jobs;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Function<byte[], EngagementModel> reader;

    @Autowired
    ModelRegistry(
            JdbcModelRepository models,
            JdbcTrainingJobRepository jobs,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            Clock clock) {
        this(models, jobs, transactions, events, clock, EngagementModels::read);
    }

    /** With the reader of stored models given (a test's models). */
    ModelRegistry(
            JdbcModelRepository models,
            JdbcTrainingJobRepository jobs,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            Clock clock,
            Function<byte[], EngagementModel> reader) {
        this.models = models;
        this.jobs = jobs;
        this.transactions = new TransactionTemplate(transactions);
        this.events = events;
        this.clock = clock;
        this.reader = reader;
    }

    public RegisteredModel get(long id) {
        return models.find(id).orElseThrow(() -> new NotFoundException("Model", id));
    }

    /** Newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public Page<RegisteredModel> list(Long cursor, int limit) {
        return list(null, cursor, limit);
    }

    /** Newest first, of one kind ({@code engagement}, {@code referral-risk}; null: every kind). */
    public Page<RegisteredModel> list(String kind, Long cursor, int limit) {
        return Page.of(models.newestFirst(kind, cursor, limit + 1), limit, RegisteredModel::id);
    }

    /**
     * Makes a model the active one of its kind, the previous active one of that kind RETIRED: a
     * deliberate switch or a rollback. Nothing changes when it is already active; the other kinds'
     * active models are not touched.
     *
     * @throws NotFoundException when there is no such model
     * @throws ConflictException when its stored bytes cannot be read by this version (it could not serve)
     */
    public RegisteredModel activate(long id) {
        ModelStatus status = models.status(id).orElseThrow(() -> new NotFoundException("Model", id));
        String kind = models.kind(id).orElseThrow(() -> new NotFoundException("Model", id));
        if (status != ModelStatus.ACTIVE) {
            // read before the lock: a model that cannot serve is never made active
            readable(kind, id);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Long previous = transactions.execute(tx -> {
            models.lockKind(kind);
            Optional<Long> active = models.activeId(kind);
            if (active.isPresent() && active.get() == id) {
                return id; // already active (perhaps by a concurrent request): nothing to do
            }
            models.retireActive(kind);
            models.activate(id, now);
            return active.orElse(null);
        });
        if (!Objects.equals(previous, id)) {
            log.info("Model {} ({}) activated (was {})", id, kind, previous == null ? "none" : "model " + previous);
            events.publishEvent(new ModelActivated(kind, id, previous));
        }
        return get(id);
    }

    /** The active model and its id, for a training run to measure against. */
    record ActiveModel(Long id, EngagementModel model) {

        static final ActiveModel NONE = new ActiveModel(null, null);
    }

    /**
     * The kind's active model as a training run compares with it: its model is null when it cannot
     * be read (a run then compares with the baseline only).
     */
    ActiveModel active() {
        Active<EngagementModel> active = active(JdbcModelRepository.ENGAGEMENT, reader);
        return active.id() == null ? ActiveModel.NONE : new ActiveModel(active.id(), active.model());
    }

    /** A kind's active model and its id; the model null when none is active or it cannot be read. */
    record Active<M>(Long id, M model) {}

    <M> Active<M> active(String kind, Function<byte[], M> read) {
        Optional<Long> id = models.activeId(kind);
        if (id.isEmpty()) {
            return new Active<>(null, null);
        }
        try {
            return new Active<>(id.get(), read.apply(models.bytes(id.get()).orElseThrow()));
        } catch (RuntimeException e) {
            log.warn(
                    "The active {} model {} cannot be read; the training run compares with the {} only",
                    kind,
                    id.get(),
                    JdbcModelRepository.ENGAGEMENT.equals(kind) ? "baseline" : "rules",
                    e);
            return new Active<>(id.get(), null);
        }
    }

    /** What storing a training run's model did. */
    record Stored(long modelId, boolean activated, String reason) {}

    /**
     * A training run's model as the registry stores it, whatever its kind.
     *
     * @param clickMetrics null for a kind with one target
     * @param activeMetrics what the active model measured on the same examples, for the provenance
     *     (empty when it was not measured)
     */
    record Run(
            String kind,
            String algorithm,
            byte[] bytes,
            Window trainedOn,
            Window validatedOn,
            List<String> features,
            ModelMetrics metrics,
            ModelMetrics baseline,
            ModelMetrics clickMetrics,
            ModelMetrics clickBaseline,
            Map<String, Object> provenance,
            Map<String, Object> activeMetrics) {}

    /**
     * Stores a run's engagement model, activates it when the rule says so (retiring the active one),
     * and ends its job SUCCEEDED, in one transaction that first releases the run's lease: when the
     * lease is no longer the run's (it expired and the job was marked FAILED), nothing is written.
     *
     * @throws LeaseLostException when the run no longer held its lease
     */
    Stored store(String holder, long jobId, Trigger trigger, Outcome outcome, ActiveModel atStart) {
        Map<String, Object> activeMetrics = new LinkedHashMap<>();
        if (outcome.active() != null) {
            activeMetrics.put("activeMetrics", ModelMetrics.of(outcome.active().open()));
            activeMetrics.put(
                    "activeClickMetrics", ModelMetrics.of(outcome.active().click()));
        }
        Run run = new Run(
                JdbcModelRepository.ENGAGEMENT,
                outcome.model().algorithm(),
                outcome.model().toBytes(),
                outcome.trainedOn(),
                outcome.validatedOn(),
                outcome.features(),
                ModelMetrics.of(outcome.metrics().open()),
                ModelMetrics.of(outcome.baseline().open()),
                ModelMetrics.of(outcome.metrics().click()),
                ModelMetrics.of(outcome.baseline().click()),
                outcome.provenance(),
                activeMetrics);
        return store(
                holder,
                jobId,
                trigger,
                run,
                atStart.id(),
                ActivationRule.decide(outcome, atStart.id(), atStart.model() != null));
    }

    /**
     * Stores a run's model of any kind with the decision the activation rule took against the model
     * active at the run's start ({@code atStartId}), as {@link #store(String, long, Trigger,
     * Outcome, ActiveModel)} does.
     *
     * @throws LeaseLostException when the run no longer held its lease
     */
    Stored store(String holder, long jobId, Trigger trigger, Run run, Long atStartId, ActivationRule.Decision atStart) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String kind = run.kind();
        Stored stored = transactions.execute(tx -> {
            if (!jobs.release(kind, holder, jobId)) {
                throw new LeaseLostException(jobId);
            }
            // the release locked the kind's row: the active model cannot change before the commit
            Long activeNow = models.activeId(kind).orElse(null);
            ActivationRule.Decision decision = Objects.equals(activeNow, atStartId)
                    ? atStart
                    : new ActivationRule.Decision(
                            false,
                            "the active model changed while it trained (to "
                                    + (activeNow == null ? "none" : "model " + activeNow)
                                    + "), so it was not compared with it");
            if (decision.activate()) {
                models.retireActive(kind);
            }
            long id = models.insert(new NewModel(
                    kind,
                    run.algorithm(),
                    decision.activate() ? ModelStatus.ACTIVE : ModelStatus.CANDIDATE,
                    now,
                    jobId,
                    run.trainedOn(),
                    run.validatedOn(),
                    run.features(),
                    run.metrics(),
                    run.baseline(),
                    run.clickMetrics(),
                    run.clickBaseline(),
                    provenance(jobId, trigger, run, atStartId, activeNow, decision),
                    run.bytes()));
            jobs.succeed(jobId, id, now);
            return new Stored(id, decision.activate(), decision.reason());
        });
        log.info(
                "Training job {} stored {} model {} as {}: {}",
                jobId,
                kind,
                stored.modelId(),
                stored.activated() ? "ACTIVE" : "CANDIDATE",
                stored.reason());
        if (stored.activated()) {
            events.publishEvent(new ModelActivated(kind, stored.modelId(), atStartId));
        }
        return stored;
    }

    private static Map<String, Object> provenance(
            long jobId, Trigger trigger, Run run, Long atStartId, Long activeNow, ActivationRule.Decision decision) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        if (run.provenance() != null) {
            provenance.putAll(run.provenance());
        }
        provenance.put("trainingJob", Map.of("id", jobId, "trigger", trigger.name()));
        Map<String, Object> activation = new LinkedHashMap<>();
        activation.put("decision", decision.activate() ? "ACTIVE" : "CANDIDATE");
        activation.put("reason", decision.reason());
        activation.put("comparedWith", atStartId);
        activation.putAll(run.activeMetrics());
        if (!Objects.equals(activeNow, atStartId)) {
            activation.put("activeAtTheEnd", activeNow);
        }
        provenance.put("activation", activation);
        return provenance;
    }

    /** The reader of a kind's stored models. */
    private Function<byte[], ?> reader(String kind) {
        return switch (kind) {
            case JdbcModelRepository.ENGAGEMENT -> reader;
            case JdbcModelRepository.REFERRAL_RISK -> RiskModel::read;
            default ->
                bytes -> {
                    throw new IllegalArgumentException("this version knows no model of kind " + kind);
                };
        };
    }

    private void readable(String kind, long id) {
        try {
            reader(kind).apply(models.bytes(id).orElseThrow(() -> new NotFoundException("Model", id)));
        } catch (NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConflictException(
                    "model-unreadable",
                    "Model " + id + " cannot be read by this version of the service, so it cannot serve: "
                            + e.getMessage());
        }
    }

    /** A training run lost its lease before it stored its model (another instance marked it FAILED). */
    static final class LeaseLostException extends IllegalStateException {

        LeaseLostException(long jobId) {
            super("Training job " + jobId + " lost its lease before it finished; its model was not stored");
        }
    }
}
