package io.iabulk.campaigns.web;

import io.iabulk.campaigns.PreviewRequest;
import io.iabulk.campaigns.SavedTemplate;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.TemplateDraft;
import io.iabulk.campaigns.TemplatePreview;
import io.iabulk.campaigns.TemplateService;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' template API (admin key required). */
@RestController
@Tag(name = "Templates")
@RequestMapping(path = "/api/v1/templates", produces = MediaType.APPLICATION_JSON_VALUE)
class TemplateController {

    private final TemplateService templates;

    TemplateController(TemplateService templates) {
        this.templates = templates;
    }

    @Operation(
            summary = "Create a template",
            description = "Handlebars sources for the subject, the HTML part and optionally the text part (derived "
                    + "from the HTML when absent). Stored only when all three compile: a syntax error is a 400 with "
                    + "`field`, `line` and `column`. Known helpers: `if`, `unless`, `each`, `with`, `lookup`, "
                    + "`default`.")
    @ApiResponse(responseCode = "201", description = "Created at version 1; `Location` names the new template")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SavedTemplate> create(@Valid @RequestBody TemplateDraft draft) {
        Template created = templates.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/templates/" + created.id()))
                .body(SavedTemplate.of(created, templates.warnings(created)));
    }

    @Operation(
            summary = "List templates",
            description = "Newest first, keyset-paged (`cursor` is the page's `nextCursor`).")
    @GetMapping
    Page<Template> list(
            @RequestParam(required = false) Long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return Page.of(templates.list(cursor, limit + 1), limit, Template::id);
    }

    @Operation(summary = "Read a template")
    @GetMapping("/{id}")
    Template get(@PathVariable long id) {
        return templates.get(id);
    }

    @Operation(
            summary = "Replace a template",
            description = "All sources at once, checked as on create; the version grows by one (campaigns render "
                    + "the version current when each message is sent).")
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    SavedTemplate replace(@PathVariable long id, @Valid @RequestBody TemplateDraft draft) {
        Template replaced = templates.update(id, draft);
        return SavedTemplate.of(replaced, templates.warnings(replaced));
    }

    @Operation(
            summary = "Preview a template for a contact",
            description = "Renders subject, HTML and text for `contactId`, with the participation of `contestId` "
                    + "(`referralUrl`, `rank`, ...) and extra `context` variables; nothing is sent. A 404 names the "
                    + "template, contact or contest that does not exist.")
    @io.iabulk.platform.NotAudited
    @PostMapping(path = "/{id}/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    TemplatePreview preview(@PathVariable long id, @Valid @RequestBody PreviewRequest request) {
        return templates.preview(id, request);
    }
}
