package io.iabulk.campaigns;

import com.github.jknack.handlebars.HandlebarsException;
import io.iabulk.campaigns.CampaignsProperties.UnsubscribeFooterMode;
import io.iabulk.campaigns.TemplateWarning.Kind;
import io.iabulk.campaigns.rendering.Personalisation;
import io.iabulk.campaigns.templates.CompiledTemplate;
import io.iabulk.campaigns.templates.JdbcTemplateRepository;
import io.iabulk.campaigns.templates.TemplateCatalog;
import io.iabulk.campaigns.templates.TemplateCompiler;
import io.iabulk.campaigns.templates.TemplateVariables;
import io.iabulk.campaigns.templates.UnsubscribeLinks;
import io.iabulk.campaigns.templates.VariableWarnings;
import io.iabulk.contacts.ContactProfile;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.NextMilestone;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PublicUrls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The templates of the campaigns module: stored only when all three sources compile, versioned on
 * every change, rendered for one contact as a preview.
 */
@Service
public class TemplateService {

    private final JdbcTemplateRepository templates;
    private final TemplateCompiler compiler;
    private final TemplateCatalog catalog;
    private final ContactService contacts;
    private final ContestService contests;
    private final PublicUrls urls;
    private final Clock clock;
    private final UnsubscribeFooterMode unsubscribeFooter;
    private final List<PersonalisationSource> sources;

    TemplateService(
            JdbcTemplateRepository templates,
            TemplateCompiler compiler,
            TemplateCatalog catalog,
            ContactService contacts,
            ContestService contests,
            PublicUrls urls,
            Clock clock,
            CampaignsProperties properties,
            ObjectProvider<PersonalisationSource> sources) {
        this.templates = templates;
        this.compiler = compiler;
        this.catalog = catalog;
        this.contacts = contacts;
        this.contests = contests;
        this.urls = urls;
        this.clock = clock;
        this.unsubscribeFooter = properties.unsubscribeFooter();
        this.sources = sources.orderedStream().toList();
    }

    /**
     * Checks one subject source (a campaign's subject variant).
     *
     * @throws TemplateSyntaxException naming {@code field} when it does not compile
     */
    public void checkSubject(String field, String source) {
        compiler.compileSubject(field, source);
    }

    /**
     * Stores a new template (version 1).
     *
     * @throws TemplateSyntaxException when a source does not compile; nothing is stored
     */
    public Template create(TemplateDraft draft) {
        check(draft);
        return get(templates.insert(draft, clock.instant()));
    }

    /**
     * Replaces a template's sources and bumps its version; sends already rendered keep the old
     * version, the next ones use the new one.
     *
     * @throws TemplateSyntaxException when a source does not compile; nothing is changed
     */
    public Template update(long id, TemplateDraft draft) {
        check(draft);
        if (!templates.replace(id, draft, clock.instant())) {
            throw new NotFoundException("Template", id);
        }
        catalog.changed(id);
        return get(id);
    }

    public Template get(long id) {
        return templates.find(id).orElseThrow(() -> new NotFoundException("Template", id));
    }

    /** Templates newest first; pass the last id of a page as {@code beforeId} for the next. */
    public List<Template> list(Long beforeId, int limit) {
        return templates.list(beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /**
     * Renders a template for one contact, with the participation of {@code contestId} when given,
     * and warns about the variables that resolved to nothing and a missing unsubscribe link. The
     * unsubscribe link of a preview points nowhere real (there is no send yet). The preview renders
     * with its own compilation of the template (see {@link TemplateCompiler#inspectable}): sends do not
     * pay for the warnings.
     *
     * @throws NotFoundException for an unknown template, contact or contest
     * @throws TemplateRenderException when rendering fails (e.g. a partial)
     */
    public TemplatePreview preview(long id, PreviewRequest request) {
        Template template = get(id);
        return preview(template, compiler.inspectable(template), request);
    }

    /**
     * Renders unsaved sources (an editor's draft) as {@link #preview(long, PreviewRequest)} does a
     * stored template: for a contact when {@code request} names one, else for a sample contact that
     * has every variable (so only unknown names and a missing unsubscribe link are reported).
     *
     * @throws TemplateSyntaxException when a source does not compile (with its line and column)
     * @throws NotFoundException for an unknown contact or contest
     * @throws TemplateRenderException when rendering fails (e.g. a partial)
     */
    public TemplatePreview previewDraft(TemplateDraft draft, PreviewRequest request) {
        Template template = new Template(0, draft.name(), draft.subject(), draft.html(), draft.text(), 0, null, null);
        CompiledTemplate compiled = compiler.inspectableDraft(draft.subject(), draft.html(), draft.text());
        if (request == null || request.contactId() == null) {
            CompiledTemplate.Inspection inspection;
            try {
                inspection = compiled.inspect(sampleModel());
            } catch (HandlebarsException e) {
                throw new TemplateRenderException("The template cannot be rendered: " + e.getMessage());
            }
            List<TemplateWarning> warnings = new ArrayList<>();
            VariableWarnings.of(inspection.unresolved(), new VariableWarnings.Facts(Map.of(), Set.of(), 0L, true))
                    .stream()
                    .filter(warning -> warning.kind() == Kind.UNKNOWN_VARIABLE)
                    .forEach(warnings::add);
            warnings.addAll(unsubscribeWarnings(template));
            warnings.sort(VariableWarnings.BY_PART);
            RenderedMessage message = inspection.message();
            return new TemplatePreview(message.subject(), message.html(), message.text(), List.copyOf(warnings));
        }
        return preview(template, compiled, request);
    }

    private TemplatePreview preview(Template template, CompiledTemplate compiled, PreviewRequest request) {
        ContactProfile contact = contacts.profiles(List.of(request.contactId())).get(request.contactId());
        if (contact == null) {
            throw new NotFoundException("Contact", request.contactId());
        }
        ContestParticipation participation = request.contestId() == null
                ? null
                : contests.participations(request.contestId(), List.of(contact.id()))
                        .get(contact.id());
        Map<String, Object> sourced = new HashMap<>();
        for (PersonalisationSource source : sources) {
            sourced.putAll(source.variables(List.of(contact.id())).getOrDefault(contact.id(), Map.of()));
        }
        Map<String, Object> model =
                Personalisation.model(contact, participation, urls.of("/u/preview"), sourced, request.context());
        CompiledTemplate.Inspection inspection;
        try {
            inspection = compiled.inspect(model);
        } catch (HandlebarsException e) {
            throw new TemplateRenderException("The template cannot be rendered: " + e.getMessage());
        }
        Set<String> contextKeys =
                request.context() == null ? Set.of() : request.context().keySet();
        List<TemplateWarning> warnings = new ArrayList<>(VariableWarnings.of(
                inspection.unresolved(),
                new VariableWarnings.Facts(
                        contact.attributes(), contextKeys, request.contestId(), participation != null)));
        warnings.addAll(unsubscribeWarnings(template));
        warnings.sort(VariableWarnings.BY_PART);
        RenderedMessage message = inspection.message();
        return new TemplatePreview(message.subject(), message.html(), message.text(), List.copyOf(warnings));
    }

    /**
     * What the author of a template should know without a contact: names that are not variables of
     * the model (wherever written; campaigns render them empty) and a missing unsubscribe link. The
     * template is rendered once for a sample contact that has every variable (and no attributes:
     * those vary by contact, so only a preview reports them).
     */
    public List<TemplateWarning> warnings(Template template) {
        List<TemplateWarning> warnings = new ArrayList<>();
        try {
            CompiledTemplate.Inspection inspection =
                    compiler.inspectable(template).inspect(sampleModel());
            VariableWarnings.of(inspection.unresolved(), new VariableWarnings.Facts(Map.of(), Set.of(), 0L, true))
                    .stream()
                    .filter(warning -> warning.kind() == Kind.UNKNOWN_VARIABLE)
                    .forEach(warnings::add);
        } catch (HandlebarsException e) {
            // a template that cannot render (a partial) fails its preview, which says why
        }
        warnings.addAll(unsubscribeWarnings(template));
        warnings.sort(VariableWarnings.BY_PART);
        return warnings;
    }

    /** A contact and participation with every variable set, from the same builder as real sends. */
    private Map<String, Object> sampleModel() {
        ContactProfile contact = new ContactProfile(
                0, "ada@example.com", "Ada", "Lovelace", "Europe/London", "en-GB", ContactStatus.ACTIVE, Map.of());
        ContestParticipation participation = new ContestParticipation(
                0,
                0,
                0,
                ParticipantStatus.CONFIRMED,
                "K7QX2M",
                urls.of("/r/K7QX2M"),
                1,
                2,
                20,
                new NextMilestone(3, "T-shirt", 1));
        Map<String, Object> predictions = new LinkedHashMap<>();
        // TemplateVariables.PREDICTIONS_FIELDS
        predictions.put("tier", "HIGH");
        predictions.put("engagementScore", 87);
        predictions.put("openProbability", 0.41);
        predictions.put("clickProbability", 0.07);
        return Personalisation.model(
                contact,
                participation,
                urls.of("/u/preview"),
                Map.of(TemplateVariables.PREDICTIONS, predictions),
                null);
    }

    private List<TemplateWarning> unsubscribeWarnings(Template template) {
        UnsubscribeLinks.Presence links = UnsubscribeLinks.of(template.html(), template.text());
        String consequence = unsubscribeFooter == UnsubscribeFooterMode.REFUSE
                ? "a campaign with this template cannot start (iabulk.campaigns.unsubscribe-footer: refuse)"
                : "campaigns add a footer with one (transactional messages are sent as written)";
        List<TemplateWarning> warnings = new ArrayList<>();
        if (!links.html()) {
            warnings.add(new TemplateWarning(
                    "html",
                    TemplateVariables.UNSUBSCRIBE_URL,
                    Kind.NO_UNSUBSCRIBE_LINK,
                    "The HTML part has no visible unsubscribe link (<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>"
                            + " outside comments, hidden elements and {{#if}}/{{#each}} blocks): " + consequence
                            + "."));
        }
        if (template.text() != null && !links.text()) {
            warnings.add(new TemplateWarning(
                    "text",
                    TemplateVariables.UNSUBSCRIBE_URL,
                    Kind.NO_UNSUBSCRIBE_LINK,
                    "The text part has no {{unsubscribeUrl}} outside {{#if}}/{{#each}} blocks: " + consequence + "."));
        }
        return warnings;
    }

    private void check(TemplateDraft draft) {
        compiler.check(draft.subject(), draft.html(), draft.text());
    }
}
