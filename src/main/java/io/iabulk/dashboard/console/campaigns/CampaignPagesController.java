package io.iabulk.dashboard.console.campaigns;

import io.iabulk.campaigns.Audience;
import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import io.iabulk.campaigns.CampaignStatus;
import io.iabulk.campaigns.MessageService;
import io.iabulk.campaigns.NewCampaign;
import io.iabulk.campaigns.SegmentService;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.TemplateService;
import io.iabulk.campaigns.TransactionalMessage;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's campaigns: the list, the compose flow, a campaign's page (test send, start, pause,
 * resume, cancel, live progress over SSE) and its report. Everything goes through {@link
 * CampaignService}, {@link MessageService} and the reports, as the API does.
 */
@Controller
@ConsolePage
class CampaignPagesController {

    static final int PAGE = 25;
    /** Statuses of a test message that may still change. */
    private static final Set<String> PENDING = Set.of("QUEUED", "SENDING", "UNKNOWN");

    private final CampaignService campaigns;
    private final TemplateService templates;
    private final SegmentService segments;
    private final ContestService contests;
    private final MessageService messages;
    private final CampaignProgressStreams streams;
    private final CampaignReportView reports;
    private final Validator validator;

    CampaignPagesController(
            CampaignService campaigns,
            TemplateService templates,
            SegmentService segments,
            ContestService contests,
            MessageService messages,
            CampaignProgressStreams streams,
            CampaignReportView reports,
            Validator validator) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.segments = segments;
        this.contests = contests;
        this.messages = messages;
        this.streams = streams;
        this.reports = reports;
        this.validator = validator;
    }

    @GetMapping("/campaigns")
    String list(@RequestParam(required = false) Long before, Model model) {
        // newest first by id (primary key read backwards); progress of the page in one query
        List<Campaign> rows = campaigns.recent(before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<Campaign> page = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("campaigns", page.stream().map(CampaignRow::of).toList());
        model.addAttribute(
                "nextUrl", more ? "/campaigns?before=" + page.getLast().id() : null);
        model.addAttribute("firstUrl", before != null ? "/campaigns" : null);
        return "console/campaigns/list";
    }

    @GetMapping("/campaigns/new")
    String compose(Operator operator, Model model) {
        requireEditor(operator);
        return composeForm(CampaignForm.empty(), Map.of(), model);
    }

    @PostMapping("/campaigns")
    String create(
            @ModelAttribute CampaignForm form,
            Operator operator,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            NewCampaign campaign = form.toNewCampaign(operator.timeZone());
            for (ConstraintViolation<NewCampaign> violation : validator.validate(campaign)) {
                errors.putIfAbsent(fieldId(violation.getPropertyPath().toString()), violation.getMessage());
            }
            if (errors.isEmpty()) {
                Campaign created = campaigns.create(campaign);
                redirect.addFlashAttribute("flash", "Draft saved. Send yourself a test, then start it.");
                return "redirect:/campaigns/" + created.id();
            }
        } catch (InvalidRequestException e) {
            e.errors().forEach(error -> errors.putIfAbsent(fieldId(error.field()), error.message()));
        }
        response.setStatus(422);
        return composeForm(form, errors, model);
    }

    /** How many contacts the chosen audience holds now (the compose form asks as it changes). */
    @GetMapping("/campaigns/audience-count")
    String audienceCount(
            @RequestParam(defaultValue = "segment") String audience,
            @RequestParam(required = false) Long segmentId,
            @RequestParam(required = false) Long contestId,
            Model model) {
        model.addAttribute("audienceCount", recipients(audience, segmentId, contestId));
        model.addAttribute("audienceKind", audience);
        return "console/campaigns/fragments :: audienceCount";
    }

    @GetMapping("/campaigns/{id}")
    String show(@PathVariable long id, Model model) {
        Campaign campaign = campaigns.get(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("view", CampaignRow.of(campaign));
        model.addAttribute("template", templateOf(campaign.templateId()));
        model.addAttribute("audience", audienceLabel(campaign.audience()));
        model.addAttribute("live", !campaign.status().terminal() && campaign.status() != CampaignStatus.DRAFT);
        if (campaign.status() == CampaignStatus.DRAFT) {
            Long count = recipients(campaign.audience());
            model.addAttribute(
                    "startQuestion",
                    count == null
                            ? "Send to every contact now?"
                            : "Send to " + String.format(java.util.Locale.US, "%,d", count)
                                    + (count == 1 ? " person" : " people")
                                    + (campaign.sendAt() != null ? " at the scheduled time?" : " now?"));
        }
        return "console/campaigns/show";
    }

    /** The live part of the page, for polling when SSE is not available; 286 stops htmx polling. */
    @GetMapping("/campaigns/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        Campaign campaign = campaigns.get(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("view", CampaignRow.of(campaign));
        if (campaign.status().terminal()) {
            response.setStatus(286);
        }
        return "console/campaigns/progress :: live";
    }

    /**
     * The live part of the page as Server-Sent Events: a {@code progress} event with the HTML
     * fragment every second while something changes, then {@code done} once the campaign is
     * finished or cancelled (the page closes the stream on it).
     */
    @GetMapping(path = "/campaigns/{id}/progress/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable long id, Operator operator) {
        Campaign first = campaigns.get(id); // 404 before the stream opens
        return streams.open(first, operator);
    }

    @GetMapping("/campaigns/{id}/report")
    String report(@PathVariable long id, Operator operator, Model model) {
        Campaign campaign = campaigns.get(id);
        model.addAttribute("campaign", campaign);
        model.addAttribute("report", reports.of(campaign, operator.timeZone()));
        return "console/campaigns/report :: report";
    }

    @PostMapping("/campaigns/{id}/test")
    String testSend(@PathVariable long id, @RequestParam(required = false) String testEmail, Model model) {
        Campaign campaign = campaigns.get(id);
        if (testEmail == null || testEmail.isBlank()) {
            throw new InvalidRequestException("testEmail", "Enter the address to send the test to.");
        }
        long sendId = messages.send(new TransactionalMessage(
                campaign.templateId(),
                null,
                testEmail.strip(),
                campaign.contextContestId(),
                null,
                campaign.from(),
                campaign.replyTo(),
                false));
        return testResult(sendId, testEmail.strip(), model, null);
    }

    @GetMapping("/campaigns/test-sends/{sendId}")
    String testStatus(
            @PathVariable long sendId, @RequestParam String email, Model model, HttpServletResponse response) {
        return testResult(sendId, email, model, response);
    }

    private String testResult(long sendId, String email, Model model, HttpServletResponse response) {
        String status = messages.status(sendId);
        boolean pending = PENDING.contains(status);
        if (!pending && response != null) {
            response.setStatus(286);
        }
        model.addAttribute("sendId", sendId);
        model.addAttribute("testEmail", email);
        model.addAttribute("testStatus", status);
        model.addAttribute("testPending", pending);
        model.addAttribute(
                "testPollUrl",
                "/campaigns/test-sends/" + sendId + "?email="
                        + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
        return "console/campaigns/fragments :: testResult";
    }

    @PostMapping("/campaigns/{id}/start")
    String start(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, campaigns::start, "Campaign started: sending now.", redirect);
    }

    @PostMapping("/campaigns/{id}/pause")
    String pause(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, campaigns::pause, "Campaign paused. Messages already in flight still go out.", redirect);
    }

    @PostMapping("/campaigns/{id}/resume")
    String resume(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, campaigns::resume, "Campaign resumed.", redirect);
    }

    @PostMapping("/campaigns/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, campaigns::cancel, "Campaign cancelled. Messages not yet sent will not be.", redirect);
    }

    private String act(long id, LongFunction<Campaign> action, String done, RedirectAttributes redirect) {
        try {
            Campaign campaign = action.apply(id);
            redirect.addFlashAttribute(
                    "flash",
                    campaign.status() == CampaignStatus.SCHEDULED ? "Campaign scheduled: it starts by itself." : done);
        } catch (ConflictException | InvalidRequestException e) {
            redirect.addFlashAttribute("flash", e.getMessage());
            redirect.addFlashAttribute("flashLevel", "error");
        }
        return "redirect:/campaigns/" + id;
    }

    private String composeForm(CampaignForm form, Map<String, String> errors, Model model) {
        model.addAttribute("pageTitle", "New campaign"); // see TemplatePagesController#editor
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        // the newest 100 of each: a picker, not a browser (names are searchable by typing in a select)
        model.addAttribute("templates", templates.list(null, 100));
        model.addAttribute("segments", segments.list(null, 100));
        model.addAttribute("contests", contests.list(null, null, 100));
        return "console/campaigns/compose";
    }

    /** Recipients of an audience now, or null for every contact (not counted on a page view). */
    private Long recipients(String kind, Long segmentId, Long contestId) {
        return switch (kind) {
            case "segment" -> segmentId == null ? null : segments.count(segmentId);
            case "contest" ->
                contestId == null ? null : contests.stats(contestId).confirmedParticipants();
            default -> null;
        };
    }

    private Long recipients(Audience audience) {
        return switch (audience.kind()) {
            case SEGMENT -> segments.count(audience.segmentId());
            case CONTEST -> contests.stats(audience.contestId()).confirmedParticipants();
            case ALL -> null;
        };
    }

    private String audienceLabel(Audience audience) {
        return switch (audience.kind()) {
            case SEGMENT ->
                "Segment " + nameOr(() -> segments.get(audience.segmentId()).name(), audience.segmentId());
            case CONTEST ->
                "Confirmed participants of "
                        + nameOr(() -> contests.get(audience.contestId()).name(), audience.contestId());
            case ALL -> "Every contact";
        };
    }

    private Template templateOf(long id) {
        try {
            return templates.get(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static String nameOr(java.util.function.Supplier<String> name, long id) {
        try {
            return name.get();
        } catch (NotFoundException e) {
            return "#" + id + " (deleted)";
        }
    }

    private static void requireEditor(Operator operator) {
        if (!operator.role().includes(Role.EDITOR)) {
            throw new ForbiddenException("Viewers can follow campaigns but not create them.");
        }
    }

    /** The form control an error of {@link NewCampaign} belongs to. */
    static String fieldId(String field) {
        if (field.startsWith("subjectVariants")) {
            String index = field.replaceAll("\\D", "");
            return "subjectVariants-" + (index.isEmpty() ? "0" : index);
        }
        return switch (field) {
            case "audience.segmentId" -> "segmentId";
            case "audience.contestId" -> "contestId";
            case "sendTimeOptimization.windowHours", "sendTimeOptimization" -> "sendTimeWindowHours";
            default -> field;
        };
    }
}
