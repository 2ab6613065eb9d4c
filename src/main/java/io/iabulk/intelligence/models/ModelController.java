package io.iabulk.intelligence.models;

import io.iabulk.intelligence.models.TrainingJob.Trigger;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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

    private static final String KIND = "Only models of this kind: `engagement` or `referral-risk`";

    private static final String KINDS = "engagement|referral-risk";

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
            summary = "Train the referral risk model",
            description = "Starts a training run on the operators' approve/reject decisions on referrals held for "
                    + "their risk and answers its job at once, as the engagement model's run does: poll `Location` "
                    + "until `status` is SUCCEEDED (`modelId` names the model stored: ACTIVE only when it beats the "
                    + "rules on the latest 20 % of the decisions, otherwise CANDIDATE) or FAILED (`error` says why: "
                    + "below `iabulk.intelligence.referral-risk.min-labels` decisions, 200 with at least 30 approved "
                    + "and 30 rejected, no model is trained and the rules alone score referrals). One run at a time.")
    @ApiResponse(responseCode = "202", description = "The run started, or the one already running; `Location` names it")
    @PostMapping("/referral-risk/train")
    ResponseEntity<TrainingJob> trainReferralRisk() {
        TrainingJob job = training.start(JdbcModelRepository.REFERRAL_RISK, Trigger.MANUAL)
                .job();
        return ResponseEntity.accepted()
                .location(URI.create(JOBS + "/" + job.id()))
                .body(job);
    }

    @Operation(
            summary = "List training runs",
            description = "Newest first, keyset-paged (`cursor` is the page's `nextCursor`), of every kind or of one.")
    @GetMapping("/training-jobs")
    Page<TrainingJob> jobs(
            @Parameter(description = KIND) @RequestParam(required = false) @Pattern(regexp = KINDS) String kind,
            @Parameter(description = CURSOR) @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return training.jobs(kind, cursor, limit);
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
            description = "Newest first, keyset-paged (`cursor` is the page's `nextCursor`), of every kind or of one "
                    + "(`kind`), each with its validation metrics next to the baseline's (the rules' for "
                    + "`referral-risk`).")
    @GetMapping
    Page<RegisteredModel> list(
            @Parameter(description = KIND) @RequestParam(required = false) @Pattern(regexp = KINDS) String kind,
            @Parameter(description = CURSOR) @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return registry.list(kind, cursor, limit);
    }

    @Operation(
            summary = "A model",
            description = "Its status, the examples it was trained and validated on (a time split), its features, "
                    + "its metrics on the validation examples next to the reference's and its provenance. "
                    + "`engagement`: sends; P(open): `metrics`, `baseline`; P(click): `clickMetrics`, "
                    + "`clickBaseline`. `referral-risk`: operators' decisions (positives: rejections); "
                    + "P(rejected): `metrics`, and the rules' score read as a probability: `baseline`; no click "
                    + "metrics (null). Undefined metrics are null.")
    @GetMapping("/{id}")
    RegisteredModel get(@PathVariable long id) {
        return registry.get(id);
    }

    @Operation(
            summary = "Activate a model",
            description = "A deliberate switch or a rollback: the model (CANDIDATE or RETIRED) becomes ACTIVE and "
                    + "the active one of its kind RETIRED; every instance serves it within seconds (an engagement "
                    + "model: contacts are scored again; a referral risk model: the next referral assessments use "
                    + "it). Activating the active model changes nothing.")
    @ApiResponse(responseCode = "200", description = "The model, now ACTIVE")
    @ApiResponse(responseCode = "409", description = "The model cannot be read by this version of the service")
    @PostMapping("/{id}/activate")
    RegisteredModel activate(@PathVariable long id) {
        return registry.activate(id);
    }
}
