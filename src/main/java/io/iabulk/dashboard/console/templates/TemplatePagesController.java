package io.iabulk.dashboard.console.templates;

import io.iabulk.campaigns.PreviewRequest;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.TemplateDraft;
import io.iabulk.campaigns.TemplatePreview;
import io.iabulk.campaigns.TemplateRenderException;
import io.iabulk.campaigns.TemplateService;
import io.iabulk.campaigns.TemplateSyntaxException;
import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotAudited;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's templates: the list, and the editor (sources with highlighted Handlebars tags, the
 * variables, a live preview for a contact, syntax errors at their line). Saves go through {@link
 * TemplateService} as the API's do.
 */
@Controller
@ConsolePage
class TemplatePagesController {

    static final int PAGE = 25;

    /** What a new template starts with: a greeting, a fallback and the unsubscribe link. */
    static final String STARTER_HTML = """
            <p>Hi {{default firstName "there"}},</p>
            <p>Write your message here.</p>
            <p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>
            """;

    private final TemplateService templates;
    private final ContactService contacts;
    private final ContestService contests;
    private final PreviewDocuments documents;
    private final Validator validator;

    TemplatePagesController(
            TemplateService templates,
            ContactService contacts,
            ContestService contests,
            PreviewDocuments documents,
            Validator validator) {
        this.templates = templates;
        this.contacts = contacts;
        this.contests = contests;
        this.documents = documents;
        this.validator = validator;
    }

    /** The editor's fields, and the contact and contest the preview renders for. */
    record TemplateForm(
            String name, String subject, String html, String text, String previewEmail, Long previewContestId) {

        static TemplateForm of(Template template) {
            return new TemplateForm(template.name(), template.subject(), template.html(), template.text(), null, null);
        }

        TemplateDraft draft() {
            return new TemplateDraft(blankToNull(name), blankToNull(subject), blankToNull(html), blankToNull(text));
        }
    }

    @GetMapping("/templates")
    String list(@RequestParam(required = false) Long before, Model model) {
        // newest first by id: the primary key index, read backwards, one page plus one row
        List<Template> rows = templates.list(before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        List<Template> page = more ? rows.subList(0, PAGE) : rows;
        model.addAttribute("templates", page);
        model.addAttribute(
                "nextUrl", more ? "/templates?before=" + page.getLast().id() : null);
        model.addAttribute("firstUrl", before != null ? "/templates" : null);
        return "console/templates/list";
    }

    @GetMapping("/templates/new")
    String create(Operator operator, Model model) {
        if (!operator.role().includes(Role.EDITOR)) {
            throw new ForbiddenException("Viewers can read templates but not write them.");
        }
        return editor(
                null,
                new TemplateForm("", "Hello {{default firstName \"there\"}}", STARTER_HTML, null, null, null),
                Map.of(),
                model);
    }

    @GetMapping("/templates/{id}")
    String edit(@PathVariable long id, Model model) {
        Template template = templates.get(id);
        return editor(template, TemplateForm.of(template), Map.of(), model);
    }

    @PostMapping("/templates")
    String save(
            @ModelAttribute TemplateForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return save(null, form, model, response, redirect);
    }

    @PostMapping("/templates/{id}")
    String update(
            @PathVariable long id,
            @ModelAttribute TemplateForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        return save(templates.get(id), form, model, response, redirect);
    }

    private String save(
            Template existing,
            TemplateForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        TemplateDraft draft = form.draft();
        Map<String, String> errors = violations(draft);
        if (errors.isEmpty()) {
            try {
                Template saved = existing == null ? templates.create(draft) : templates.update(existing.id(), draft);
                int warnings = templates.warnings(saved).size();
                redirect.addFlashAttribute(
                        "flash",
                        "Template saved (version " + saved.version() + ")"
                                + (warnings == 0
                                        ? ""
                                        : "; " + warnings + (warnings == 1 ? " warning" : " warnings") + " to review"));
                if (warnings > 0) {
                    redirect.addFlashAttribute("flashLevel", "warning");
                }
                return "redirect:/templates/" + saved.id();
            } catch (TemplateSyntaxException e) {
                errors.put(e.field(), syntaxMessage(e));
                model.addAttribute("syntaxError", e);
            } catch (InvalidRequestException e) {
                e.errors().forEach(error -> errors.putIfAbsent(error.field(), error.message()));
            }
        }
        response.setStatus(422);
        return editor(existing, form, errors, model);
    }

    /** Live preview of the editor's sources as typed (EDITORs; nothing is stored). */
    @NotAudited
    @PostMapping("/templates/preview")
    String previewDraft(@ModelAttribute TemplateForm form, Operator operator, Model model) {
        TemplateDraft draft = form.draft();
        if (draft.subject() == null || draft.html() == null) {
            model.addAttribute(
                    "previewProblem",
                    draft.subject() == null
                            ? "Write a subject to see a preview."
                            : "Write the HTML part to see a preview.");
            return "console/templates/preview :: preview";
        }
        return preview(operator, form, model, request -> templates.previewDraft(draft, request));
    }

    /** Preview of the stored template (what VIEWERs see). */
    @GetMapping("/templates/{id}/preview")
    String previewSaved(
            @PathVariable long id,
            @RequestParam(required = false) String previewEmail,
            @RequestParam(required = false) Long previewContestId,
            Operator operator,
            Model model) {
        Template template = templates.get(id);
        TemplateForm form = new TemplateForm(
                template.name(), template.subject(), template.html(), template.text(), previewEmail, previewContestId);
        return preview(
                operator,
                form,
                model,
                request -> request == null || request.contactId() == null
                        ? templates.previewDraft(form.draft(), request)
                        : templates.preview(id, request));
    }

    /** The HTML part of a preview, for the editor's sandboxed frame: no script may run in it. */
    @GetMapping(path = "/templates/preview/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> previewDocument(
            @PathVariable String token, Operator operator, HttpServletResponse response) {
        String html = documents.find(operator.id(), token).orElseThrow(() -> new NotFoundException("Preview", token));
        // replaces the console's policy: inline styles (as emails have) but no script, no form, no plugin
        response.setHeader(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; font-src * data:;"
                        + " frame-ancestors 'self'; base-uri 'none'; form-action 'none'");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }

    private interface Renderer {
        TemplatePreview render(PreviewRequest request);
    }

    private String preview(Operator operator, TemplateForm form, Model model, Renderer renderer) {
        String who = "a sample contact (Ada Lovelace, every variable set)";
        PreviewRequest request = null;
        try {
            Long contactId = null;
            if (form.previewEmail() != null && !form.previewEmail().isBlank()) {
                Contact contact = contact(form.previewEmail());
                contactId = contact.id();
                who = contact.email();
            }
            if (contactId != null || form.previewContestId() != null) {
                request = new PreviewRequest(contactId, form.previewContestId(), null);
            }
            TemplatePreview preview = renderer.render(request);
            model.addAttribute("preview", preview);
            model.addAttribute("previewFor", who);
            model.addAttribute(
                    "previewDocument", "/templates/preview/" + documents.keep(operator.id(), preview.html()));
        } catch (TemplateSyntaxException e) {
            model.addAttribute("syntaxError", e);
            model.addAttribute("syntaxMessage", syntaxMessage(e));
        } catch (TemplateRenderException | NotFoundException | InvalidRequestException e) {
            model.addAttribute("previewProblem", e.getMessage());
        }
        return "console/templates/preview :: preview";
    }

    private Contact contact(String email) {
        EmailAddress address;
        try {
            address = EmailAddress.parse(email.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("previewEmail", "Not an email address: " + email.strip());
        }
        return contacts.list(0, null, address, 1).stream()
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "previewEmail",
                        "No contact has the address " + email.strip() + "; the preview shows a sample contact."));
    }

    private String editor(Template template, TemplateForm form, Map<String, String> errors, Model model) {
        model.addAttribute("template", template);
        // page texts here: Thymeleaf refuses fragment parameters that read like "new ..." expressions
        model.addAttribute("pageTitle", template == null ? "New template" : template.name());
        model.addAttribute(
                "pageSubtitle",
                template == null
                        ? "Subject, HTML and text, with a live preview as you type"
                        : "Version " + template.version());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("variables", TemplateVariableGroups.of(contacts.attributeNames()));
        model.addAttribute("helpers", io.iabulk.campaigns.templates.TemplateVariables.HELPERS);
        // contests whose participation can fill the contest variables (the newest 50)
        model.addAttribute(
                "contests",
                contests.list(null, null, 50).stream()
                        .sorted(Comparator.comparing(Contest::name))
                        .toList());
        model.addAttribute("action", template == null ? "/templates" : "/templates/" + template.id());
        return "console/templates/editor";
    }

    static String syntaxMessage(TemplateSyntaxException e) {
        return label(e.field()) + ", line " + e.line() + ": " + e.reason();
    }

    private static String label(String field) {
        return switch (field) {
            case "subject" -> "Subject";
            case "html" -> "HTML";
            case "text" -> "Text";
            default -> field;
        };
    }

    private Map<String, String> violations(TemplateDraft draft) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String field : List.of("name", "subject", "html", "text")) {
            for (ConstraintViolation<TemplateDraft> violation : validator.validateProperty(draft, field)) {
                errors.putIfAbsent(field, message(field, violation.getMessage()));
            }
        }
        return errors;
    }

    private static String message(String field, String violation) {
        String what = switch (field) {
            case "name" -> "Name";
            case "subject" -> "Subject";
            case "html" -> "HTML part";
            default -> "Text part";
        };
        return violation.contains("blank") || violation.contains("empty")
                ? "Enter the " + what.toLowerCase()
                : what + " " + violation;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
