package io.iabulk.intelligence.models;

import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The model registry and its training runs (admin key required). */
@RestController
@Validated
@Tag(name = "Models")
@RequestMapping(path = "/api/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
class ModelController {

    static final String JOBS = "/api/v1/models/training-jobs";

    private static final String CURSOR = "The previous page's `nextCursor`";

    private final ModelRegistry registry;
    private final TrainingWorker training;

    ModelController(ModelRegistry registry, TrainingWorker training) {
        this.registry = registry;
        this.training = training;
    }

    @Operation(
            summary = "Train the engagement model",
            description = "Starts a training run in the background and answers its job at once: poll `Location` "
                    + "until `status` is SUCCEEDED (`modelId` names the model stored, ACTIVE or CANDIDATE) or FAILED "
                    + "(`error` says why: with too little history no model is trained and predictions stay on the "
                    + "baseline). One run at a time: while one runs (on any instance) the answer is that run's job, "
                    + "with the same `Location`.")
    @ApiResponse(responseCode = "202", description = "The run started, or the one already running; `Location` names it")
    @PostMapping("/engagement/train")
    ResponseEntity<TrainingJob> train() {
        TrainingJob job = training.start(Trigger.MANUAL).job();
        return ResponseEntity.accepted()
                .location(URI.create(JOBS + "/" + job.id()))
                .body(job);
    }

    @Operation(
            summary = "List training runs",
            description = "Newest first, keyset-paged (`cursor` is the page's `nextCursor`).")
    @GetMapping("/training-jobs")
    Page<TrainingJob> jobs(
            @Parameter(description = CURSOR) @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return training.jobs(cursor, limit);
    }

    @Operation(
            summary = "A training run",
            description = "RUNNING (with its last `progress`), then SUCCEEDED with `modelId` or FAILED with `error`. "
                    + "A run whose instance stopped is FAILED once its lease has expired.")
    @GetMapping("/training-jobs/{id}")
    TrainingJob job(@PathVariable long id) {
        return training.job(id);
    }

    @Operation(
            summary = "List models",
            description = "Newest first, keyset-paged (`cursor` is the page's `nextCursor`), each with its "
                    + "validation metrics next to the baseline's.")
    @GetMapping
    Page<RegisteredModel> list(
            @Parameter(description = CURSOR) @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return registry.list(cursor, limit);
    }

    @Operation(
            summary = "A model",
            description = "Its status, the sends it was trained and validated on (a time split), its features, its "
                    + "metrics on the validation sends next to the baseline's (P(open): `metrics`, `baseline`; "
                    + "P(click): `clickMetrics`, `clickBaseline`; undefined metrics are null) and its provenance.")
    @GetMapping("/{id}")
    RegisteredModel get(@PathVariable long id) {
        return registry.get(id);
    }

    @Operation(
            summary = "Activate a model",
            description = "A deliberate switch or a rollback: the model (CANDIDATE or RETIRED) becomes ACTIVE and "
                    + "the active one RETIRED; every instance serves it within seconds and contacts are scored "
                    + "again. Activating the active model changes nothing.")
    @ApiResponse(responseCode = "200", description = "The model, now ACTIVE")
    @ApiResponse(responseCode = "409", description = "The model cannot be read by this version of the service")
    @PostMapping("/{id}/activate")
    RegisteredModel activate(@PathVariable long id) {
        return registry.activate(id);
    }
}
