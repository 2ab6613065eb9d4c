package io.iabulk.dashboard.console.models;

import io.iabulk.dashboard.console.analytics.Chart;
import io.iabulk.intelligence.models.ModelMetrics;
import io.iabulk.intelligence.models.ModelRegistry;
import io.iabulk.intelligence.models.ModelStatus;
import io.iabulk.intelligence.models.RegisteredModel;
import io.iabulk.intelligence.models.TrainingJob;
import io.iabulk.intelligence.models.TrainingProperties;
import io.iabulk.intelligence.models.TrainingWorker;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.Page;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /models}: the models of the registry with their metrics against the baseline (a referral
 * risk model's against the rules), engagement training runs started and followed, activation and
 * rollback, through the same registry and training worker as {@code /api/v1/models}.
 */
@Controller
@ConsolePage
class ModelsController {

    static final int PAGE_SIZE = 20;

    /** A model in the list, with its headline metrics. */
    record ModelRow(
            RegisteredModel model, String rocAuc, String baselineRocAuc, String logLoss, String baselineLogLoss) {}

    private final ModelRegistry registry;
    private final TrainingWorker training;
    private final TrainingProperties properties;

    ModelsController(ModelRegistry registry, TrainingWorker training, TrainingProperties properties) {
        this.registry = registry;
        this.training = training;
        this.properties = properties;
    }

    @GetMapping("/models")
    String list(@RequestParam(required = false) String after, Operator operator, Model model) {
        Long cursor = cursor(after);
        // keyset-paged by id, newest first (the primary key)
        Page<RegisteredModel> page = registry.list(cursor, PAGE_SIZE);
        model.addAttribute(
                "rows", page.items().stream().map(ModelsController::row).toList());
        model.addAttribute("nextUrl", page.nextCursor() == null ? null : "/models?after=" + page.nextCursor());
        model.addAttribute("prevUrl", cursor == null ? null : "/models");
        model.addAttribute("firstPage", cursor == null);
        // the engagement model's latest run: the one "Train now" starts (referral risk runs are the API's)
        List<TrainingJob> latest = training.jobs("engagement", null, 1).items();
        model.addAttribute("job", latest.isEmpty() ? null : latest.getFirst());
        model.addAttribute("minSends", properties.minSends());
        model.addAttribute("minOpens", properties.minOpens());
        model.addAttribute("editor", operator.role().includes(Role.EDITOR));
        return "console/models/models";
    }

    @GetMapping("/models/{id}")
    String model(@PathVariable long id, Operator operator, Model model) {
        RegisteredModel registered = registry.get(id);
        boolean risk = "referral-risk".equals(registered.kind());
        model.addAttribute("m", registered);
        model.addAttribute("risk", risk);
        model.addAttribute(
                "minRulesScore",
                risk && registered.provenance().get("minRulesScore") instanceof Number floor
                        ? String.format(Locale.ENGLISH, "%.2f", floor.doubleValue())
                        : "—");
        model.addAttribute("openMetrics", MetricRow.of(registered.metrics(), registered.baseline()));
        model.addAttribute("clickMetrics", MetricRow.of(registered.clickMetrics(), registered.clickBaseline()));
        model.addAttribute(
                "calibrations",
                risk
                        ? List.of(calibration(registered.metrics()))
                        : List.of(calibration(registered.metrics()), calibration(registered.clickMetrics())));
        model.addAttribute("reason", activationReason(registered));
        model.addAttribute("editor", operator.role().includes(Role.EDITOR));
        return "console/models/model";
    }

    @PostMapping("/models/train")
    String train(
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        TrainingWorker.Started started = training.start(TrainingJob.Trigger.MANUAL);
        String message = started.started()
                ? "Training run " + started.job().id() + " started"
                : "Training run " + started.job().id() + " is already running";
        if ("true".equals(htmx)) {
            response.setHeader("HX-Trigger", toast(message, "info"));
            model.addAttribute("job", started.job());
            return "console/models/models :: job";
        }
        redirect.addFlashAttribute("flash", message);
        redirect.addFlashAttribute("flashLevel", "info");
        return "redirect:/models";
    }

    /** A training run's panel; polled every 2 s while it runs. */
    @GetMapping("/models/training-jobs/{id}")
    String job(
            @PathVariable long id,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletResponse response) {
        TrainingJob job = training.job(id);
        if ("true".equals(htmx) && !job.running()) {
            response.setHeader(
                    "HX-Trigger",
                    job.status() == TrainingJob.Status.SUCCEEDED
                            ? toast("Training run " + id + " finished: model " + job.modelId() + " stored", "success")
                            : toast("Training run " + id + " stored no model", "warning"));
        }
        model.addAttribute("job", job);
        return "console/models/models :: job";
    }

    @PostMapping("/models/{id}/activate")
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        ModelStatus before = registry.get(id).status();
        RegisteredModel activated = registry.activate(id);
        redirect.addFlashAttribute(
                "flash",
                before == ModelStatus.ACTIVE
                        ? "Model " + id + " was already active"
                        : before == ModelStatus.RETIRED
                                ? "Rolled back: model " + activated.id() + " is active again"
                                : "Model " + activated.id() + " is now active; contacts are being scored again");
        return "redirect:/models/" + id;
    }

    private static ModelRow row(RegisteredModel m) {
        return new ModelRow(
                m,
                MetricRow.format(m.metrics() == null ? null : m.metrics().rocAuc(), ""),
                MetricRow.format(m.baseline() == null ? null : m.baseline().rocAuc(), ""),
                MetricRow.format(m.metrics() == null ? null : m.metrics().logLoss(), ""),
                MetricRow.format(m.baseline() == null ? null : m.baseline().logLoss(), ""));
    }

    /** Observed rate per bin against the mean predicted probability, and the diagonal (perfect calibration). */
    static Chart calibration(ModelMetrics metrics) {
        List<String> x = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        List<Double> diagonal = new ArrayList<>();
        if (metrics != null && metrics.calibration() != null) {
            for (ModelMetrics.Bin bin : metrics.calibration()) {
                if (bin.predicted() == null) {
                    continue;
                }
                x.add(String.format(Locale.ENGLISH, "%.1f %%", bin.predicted() * 100));
                observed.add(bin.observed());
                diagonal.add(bin.predicted());
            }
        }
        return new Chart(
                "line",
                x,
                List.of(new Chart.Series("Observed rate", observed), new Chart.Series("Perfect calibration", diagonal)),
                "percent");
    }

    @SuppressWarnings("unchecked")
    private static String activationReason(RegisteredModel model) {
        if (model.provenance() != null && model.provenance().get("activation") instanceof Map<?, ?> activation) {
            Object reason = ((Map<String, Object>) activation).get("reason");
            return reason == null ? null : reason.toString();
        }
        return null;
    }

    private static Long cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(after.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("after", "must be a model id");
        }
    }

    private static String toast(String message, String level) {
        return "{\"toast\":{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"level\":\""
                + level + "\"}}";
    }
}
