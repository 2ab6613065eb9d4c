package io.iabulk.dashboard.console.segments;

import io.iabulk.campaigns.NewSegment;
import io.iabulk.campaigns.Segment;
import io.iabulk.campaigns.SegmentField;
import io.iabulk.campaigns.SegmentService;
import io.iabulk.contacts.ContactService;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.dashboard.console.segments.SegmentForm.Row;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Segments in the console: the list, and the condition builder that counts its audience as it is
 * edited and saves through {@link SegmentService} with the API's checks (the bean constraints of
 * {@link NewSegment}, then the filter compiler's), errors shown at the control at fault.
 */
@Controller
@ConsolePage
class SegmentPagesController {

    static final int PAGE = 50;
    static final int ATTRIBUTE_SAMPLE = 1000;
    static final int CONTESTS = 100;

    private final SegmentService segments;
    private final ContactService contacts;
    private final ContestService contests;
    private final Validator validator;

    SegmentPagesController(
            SegmentService segments, ContactService contacts, ContestService contests, Validator validator) {
        this.segments = segments;
        this.contacts = contacts;
        this.contests = contests;
        this.validator = validator;
    }

    @GetMapping("/segments")
    String list(@RequestParam(required = false) Long after, Model model) {
        // newest first on the primary key; one more than a page tells whether there is a next one
        List<Segment> rows = segments.list(after, PAGE + 1);
        boolean more = rows.size() > PAGE;
        if (more) {
            rows = rows.subList(0, PAGE);
        }
        model.addAttribute("rows", rows);
        // from here: Thymeleaf refuses fragment parameters whose text holds "new"
        model.addAttribute("createUrl", "/segments/new");
        model.addAttribute("createLabel", "New segment");
        model.addAttribute("paged", after != null);
        model.addAttribute("nextUrl", more ? "/segments?after=" + rows.getLast().id() : null);
        model.addAttribute("prevUrl", after != null ? "/segments" : null);
        return "console/segments/list";
    }

    /** A saved segment's count, loaded by its row of the list. */
    @GetMapping("/segments/{id}/count")
    String savedCount(@PathVariable long id, Model model) {
        model.addAttribute("count", segments.count(id));
        return "console/segments/list :: savedCount";
    }

    @GetMapping("/segments/new")
    String create(Model model) {
        SegmentForm form = new SegmentForm(
                "", "all", List.of(new Row(SegmentForm.newKey(), "status", null, "eq", "ACTIVE", null)));
        return builder(null, form, Map.of(), model);
    }

    @GetMapping("/segments/{id}")
    String edit(@PathVariable long id, Model model) {
        Segment segment = segments.get(id);
        Fields fields = fields();
        SegmentForm form = SegmentForm.of(segment.name(), segment.filter(), fields.names());
        model.addAttribute("segment", segment);
        if (form == null) {
            model.addAttribute("nested", segment.filter().toPrettyString());
            form = new SegmentForm(segment.name(), "all", List.of());
        }
        return builder(segment, form, Map.of(), model);
    }

    @PostMapping("/segments")
    String save(
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return save(null, params, model, response, redirect);
    }

    @PostMapping("/segments/{id}")
    String update(
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return save(segments.get(id), params, model, response, redirect);
    }

    private String save(
            Segment existing,
            MultiValueMap<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Fields fields = fields();
        SegmentForm form = SegmentForm.from(params);
        NewSegment segment = new NewSegment(form.name.strip(), form.filter(fields.byName()));
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<NewSegment> violation : validator.validate(segment)) {
            errors.add(new FieldError(violation.getPropertyPath().toString(), violation.getMessage()));
        }
        if (!errors.isEmpty()) {
            // the API stops at the first failing check; the form shows the filter's problems too
            try {
                segments.check(segment.filter());
            } catch (InvalidRequestException e) {
                errors.addAll(e.errors());
            }
        }
        Segment saved = null;
        if (errors.isEmpty()) {
            try {
                saved = existing == null ? segments.create(segment) : segments.update(existing.id(), segment);
            } catch (InvalidRequestException e) {
                errors.addAll(e.errors().isEmpty() ? List.of(new FieldError("filter", e.getMessage())) : e.errors());
            }
        }
        if (saved == null) {
            response.setStatus(422);
            model.addAttribute("segment", existing);
            return builder(existing, form, form.errorsByControl(errors), model);
        }
        redirect.addFlashAttribute(
                "flash", (existing == null ? "Segment created: " : "Segment saved: ") + saved.name());
        return "redirect:/segments/" + saved.id();
    }

    /** The live count of the conditions being edited (nothing is stored). */
    @GetMapping("/segments/count")
    String count(@RequestParam MultiValueMap<String, String> params, Model model) {
        SegmentForm form = SegmentForm.from(params);
        try {
            model.addAttribute("count", segments.countFilter(form.filter(fields().byName())));
        } catch (InvalidRequestException e) {
            model.addAttribute("countErrors", form.errorsByControl(e.errors()).values());
        }
        return "console/segments/builder :: countBody";
    }

    /**
     * One condition row: a new one ({@code row} absent), or the row as its inputs say, re-drawn after
     * its field or operator changed (its operators and value control follow the field).
     */
    @GetMapping("/segments/condition")
    String condition(@RequestParam MultiValueMap<String, String> params, Model model) {
        String key = params.getFirst("row");
        Row row = SegmentForm.validKey(key)
                ? SegmentForm.row(key, params)
                : new Row(SegmentForm.newKey(), "status", null, "eq", "ACTIVE", null);
        String shown = params.getFirst("shown." + key);
        if (shown != null && !shown.equals(row.field())) {
            // another field: the value typed for the last one means nothing here
            row = new Row(row.key(), row.field(), row.attribute(), null, null, row.contestId());
        }
        Fields fields = fields();
        model.addAttribute("row", normalise(row, fields));
        model.addAttribute("fields", fields);
        model.addAttribute("contests", contestChoices());
        model.addAttribute("errors", Map.of());
        model.addAttribute("recount", true);
        model.addAttribute("focus", !SegmentForm.validKey(key));
        return "console/segments/builder :: conditionRow";
    }

    /** What replaces a removed row: nothing but a trigger of the count. */
    @GetMapping("/segments/condition/removed")
    String removed() {
        return "console/segments/builder :: recount";
    }

    private String builder(Segment segment, SegmentForm form, Map<String, String> errors, Model model) {
        Fields fields = fields();
        model.addAttribute("segment", segment);
        // computed here: Thymeleaf refuses fragment parameters whose text holds "new"
        model.addAttribute("title", segment == null ? "New segment" : segment.name());
        model.addAttribute("form", form);
        model.addAttribute(
                "rows", form.rows.stream().map(row -> normalise(row, fields)).toList());
        model.addAttribute("fields", fields);
        model.addAttribute("contests", contestChoices());
        model.addAttribute("errors", errors);
        model.addAttribute("recount", false);
        model.addAttribute("focus", false);
        return "console/segments/builder";
    }

    /** A row whose operator is one of its field's (the first when it was not). */
    private static Row normalise(Row row, Fields fields) {
        String field = row.field() == null ? "status" : row.field();
        SegmentField known = SegmentForm.fieldOf(row.withFieldAndOp(field, row.op()), fields.byName());
        if (known == null) {
            return row.withFieldAndOp(field, row.op());
        }
        String op = row.op() != null && known.ops().contains(row.op())
                ? row.op()
                : known.ops().getFirst();
        return row.withFieldAndOp(field, op);
    }

    /**
     * The fields offered: the filter language's, with {@code attributes.<name>} spelled out for the
     * attribute names in use (newest contacts' sample) and kept as "another attribute".
     */
    record Fields(List<SegmentField> all, Map<String, SegmentField> byName, List<String> attributes) {

        public List<String> names() {
            List<String> names = new ArrayList<>(byName.keySet());
            attributes.forEach(a -> names.add("attributes." + a));
            return names;
        }

        /** The field select's options, by group ("Contact", "Attributes", "Contests", ...). */
        public Map<String, List<Option>> groups() {
            Map<String, List<Option>> groups = new LinkedHashMap<>();
            for (SegmentField field : all) {
                if (field.name().equals(SegmentForm.OTHER_ATTRIBUTE)) {
                    for (String attribute : attributes) {
                        groups.computeIfAbsent("Attributes", g -> new ArrayList<>())
                                .add(new Option("attributes." + attribute, attribute));
                    }
                    groups.computeIfAbsent("Attributes", g -> new ArrayList<>())
                            .add(new Option(field.name(), "Another attribute…"));
                    continue;
                }
                groups.computeIfAbsent(group(field.name()), g -> new ArrayList<>())
                        .add(new Option(field.name(), field.label()));
            }
            return groups;
        }

        private static String group(String name) {
            if (name.startsWith("contest")) {
                return "Contests";
            }
            if (name.startsWith("last") && name.endsWith("At")) {
                return "Engagement";
            }
            int dot = name.indexOf('.');
            if (dot > 0) {
                return Character.toUpperCase(name.charAt(0)) + name.substring(1, dot);
            }
            return "Contact";
        }

        public SegmentField of(String name) {
            if (name != null && name.startsWith("attributes.")) {
                return byName.get(SegmentForm.OTHER_ATTRIBUTE);
            }
            return name == null ? null : byName.get(name);
        }
    }

    /** An option of the field select. */
    record Option(String value, String label) {}

    private Fields fields() {
        List<SegmentField> all = segments.fields();
        Map<String, SegmentField> byName = new LinkedHashMap<>();
        all.forEach(field -> byName.put(field.name(), field));
        return new Fields(all, byName, contacts.attributeNames(ATTRIBUTE_SAMPLE));
    }

    private List<Contest> contestChoices() {
        return contests.list(null, null, CONTESTS);
    }
}
