package io.iabulk.campaigns.rendering;

import io.iabulk.campaigns.CampaignsProperties;
import io.iabulk.campaigns.PersonalisationSource;
import io.iabulk.campaigns.RenderedMessage;
import io.iabulk.campaigns.Template;
import io.iabulk.campaigns.templates.CompiledTemplate;
import io.iabulk.campaigns.templates.MarkedMessage;
import io.iabulk.campaigns.templates.TemplateCatalog;
import io.iabulk.contacts.ContactProfile;
import io.iabulk.contacts.ContactService;
import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.ContestService;
import io.iabulk.delivery.MessageRenderer;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.QueuedSend;
import io.iabulk.delivery.RenderResult;
import io.iabulk.platform.NotFoundException;
import io.iabulk.tracking.TrackingLinks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders claimed sends: campaign sends with their campaign's template, subject variant, sender
 * and context contest; transactional sends with their template and the extra context they carry
 * ({@code $from}, {@code $replyTo}, {@code $contestId} and {@code $track} steer the renderer and are not
 * variables). A batch costs one query for contacts, one per distinct context contest, and the
 * (cached) campaign and template rows, and one per personalisation source whose variables a
 * template of the batch mentions; a send that cannot be rendered fails alone.
 *
 * <p>Campaign messages are tracked ({@link LinkRewriter}: click redirects and the open pixel).
 * Transactional messages are not, unless their context sets {@code "$track": true}: they carry
 * credentials (confirmation links) that should not travel inside another URL, and their links
 * must work even when tracking does not (docs/decisions/0013).
 */
@Component
class CampaignMessageRenderer implements MessageRenderer {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private final CampaignSettingsLoader campaigns;
    private final TemplateCatalog templates;
    private final ContactService contacts;
    private final ContestService contests;
    private final TrackingLinks links;
    private final LinkRewriter rewriter;
    private final List<PersonalisationSource> sources;
    private final String defaultFrom;

    CampaignMessageRenderer(
            CampaignSettingsLoader campaigns,
            TemplateCatalog templates,
            ContactService contacts,
            ContestService contests,
            TrackingLinks links,
            LinkRewriter rewriter,
            ObjectProvider<PersonalisationSource> sources,
            CampaignsProperties properties) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.contacts = contacts;
        this.contests = contests;
        this.links = links;
        this.rewriter = rewriter;
        this.sources = sources.orderedStream().toList();
        this.defaultFrom = properties.defaultFrom();
    }

    /** A send prepared for rendering: its extra context and the contest of its participation. */
    private record Prepared(QueuedSend send, Map<String, Object> extra, Long contestId, String error) {}

    @Override
    public List<RenderResult> render(List<QueuedSend> sends) {
        if (sends.isEmpty()) {
            return List.of();
        }
        Set<Long> campaignIds = new LinkedHashSet<>();
        Set<Long> templateIds = new LinkedHashSet<>();
        Set<Long> contactIds = new LinkedHashSet<>();
        for (QueuedSend send : sends) {
            if (send.campaignId() != null) {
                campaignIds.add(send.campaignId());
            }
            contactIds.add(send.contactId());
        }
        Map<Long, CampaignSettings> settings = campaigns.load(campaignIds);
        for (QueuedSend send : sends) {
            templateIds.add(templateOf(send, settings));
        }
        Map<Long, Template> current = templates.current(templateIds);
        Map<Long, ContactProfile> profiles = contacts.profiles(contactIds);

        List<Prepared> prepared = new ArrayList<>(sends.size());
        Map<Long, Set<Long>> contactsByContest = new HashMap<>();
        for (QueuedSend send : sends) {
            Prepared p = prepare(send, settings);
            prepared.add(p);
            ContactProfile contact = profiles.get(send.contactId());
            if (p.contestId() != null
                    && p.error() == null
                    && contact != null
                    && contact.status().mailable()) {
                contactsByContest
                        .computeIfAbsent(p.contestId(), id -> new HashSet<>())
                        .add(send.contactId());
            }
        }
        Map<Long, Map<Long, ContestParticipation>> participations = new HashMap<>();
        Map<Long, String> contestErrors = new HashMap<>();
        contactsByContest.forEach((contestId, ids) -> {
            try {
                participations.put(contestId, contests.participations(contestId, ids));
            } catch (NotFoundException e) {
                contestErrors.put(contestId, e.getMessage());
            }
        });

        Map<Long, Map<String, Object>> sourced = sourced(sends, settings, current, profiles);

        List<RenderResult> results = new ArrayList<>(sends.size());
        for (Prepared p : prepared) {
            results.add(renderOne(p, settings, current, profiles, participations, contestErrors, sourced));
        }
        return results;
    }

    /**
     * The variables of the personalisation sources, by contact: one call per source for the
     * mailable contacts whose template mentions one of its names. A template can reach a variable
     * only by writing its name (a path or a {@code lookup} string), so a batch whose templates never
     * write it costs nothing.
     */
    private Map<Long, Map<String, Object>> sourced(
            List<QueuedSend> sends,
            Map<Long, CampaignSettings> settings,
            Map<Long, Template> current,
            Map<Long, ContactProfile> profiles) {
        Map<Long, Map<String, Object>> variables = new HashMap<>();
        for (PersonalisationSource source : sources) {
            Set<Long> contactIds = new LinkedHashSet<>();
            for (QueuedSend send : sends) {
                ContactProfile contact = profiles.get(send.contactId());
                Template template = current.get(templateOf(send, settings));
                CampaignSettings campaign = send.campaignId() == null ? null : settings.get(send.campaignId());
                if (contact != null
                        && contact.status().mailable()
                        && template != null
                        && mentions(template, campaign, source.names())) {
                    contactIds.add(send.contactId());
                }
            }
            if (!contactIds.isEmpty()) {
                source.variables(contactIds)
                        .forEach((contactId, values) -> variables
                                .computeIfAbsent(contactId, id -> new HashMap<>())
                                .putAll(values));
            }
        }
        return variables;
    }

    private static boolean mentions(Template template, CampaignSettings campaign, Set<String> names) {
        for (String name : names) {
            if (contains(template.subject(), name)
                    || contains(template.html(), name)
                    || contains(template.text(), name)) {
                return true;
            }
            if (campaign != null) {
                for (com.github.jknack.handlebars.Template variant : campaign.subjectVariants()) {
                    if (contains(variant.text(), name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean contains(String source, String name) {
        return source != null && source.contains(name);
    }

    /** Campaign rows name no template of their own (delivery queues them without): the campaign's is used. */
    private static long templateOf(QueuedSend send, Map<Long, CampaignSettings> settings) {
        CampaignSettings campaign = send.campaignId() == null ? null : settings.get(send.campaignId());
        return campaign != null ? campaign.templateId() : send.templateId();
    }

    private Prepared prepare(QueuedSend send, Map<Long, CampaignSettings> settings) {
        if (send.campaignId() != null) {
            CampaignSettings campaign = settings.get(send.campaignId());
            return campaign == null
                    ? new Prepared(send, Map.of(), null, "Campaign " + send.campaignId() + " does not exist")
                    : new Prepared(send, Map.of(), campaign.contextContestId(), null);
        }
        if (send.context() == null || send.context().isBlank()) {
            return new Prepared(send, Map.of(), null, null);
        }
        try {
            Map<String, Object> extra = JSON.readValue(send.context(), OBJECT);
            if (extra == null) {
                return new Prepared(send, Map.of(), null, null);
            }
            Object contest = extra.get("$contestId");
            Long contestId = null;
            if (contest instanceof Number n) {
                contestId = n.longValue();
            } else if (contest != null) {
                contestId = Long.valueOf(contest.toString());
            }
            return new Prepared(send, extra, contestId, null);
        } catch (RuntimeException e) {
            return new Prepared(send, Map.of(), null, "The context is not a JSON object with a numeric $contestId");
        }
    }

    private RenderResult renderOne(
            Prepared p,
            Map<Long, CampaignSettings> settings,
            Map<Long, Template> current,
            Map<Long, ContactProfile> profiles,
            Map<Long, Map<Long, ContestParticipation>> participations,
            Map<Long, String> contestErrors,
            Map<Long, Map<String, Object>> sourced) {
        QueuedSend send = p.send();
        ContactProfile contact = profiles.get(send.contactId());
        if (contact == null) {
            return new RenderResult.Suppressed("contact " + send.contactId() + " does not exist");
        }
        if (!contact.status().mailable()) {
            return new RenderResult.Suppressed(contact.status().name());
        }
        if (p.error() != null) {
            return new RenderResult.Failed(p.error());
        }
        if (p.contestId() != null && contestErrors.containsKey(p.contestId())) {
            return new RenderResult.Failed(contestErrors.get(p.contestId()));
        }
        long templateId = templateOf(send, settings);
        Template source = current.get(templateId);
        if (source == null) {
            return new RenderResult.Failed("Template " + templateId + " does not exist");
        }
        try {
            // bulk mail always carries a visible unsubscribe link; transactional mail is not bulk
            CompiledTemplate template =
                    send.campaignId() != null ? templates.compiledForBulk(source) : templates.compiled(source);
            ContestParticipation participation = p.contestId() == null
                    ? null
                    : participations.getOrDefault(p.contestId(), Map.of()).get(send.contactId());
            String unsubscribeUrl = links.unsubscribeUrl(send.sendId());
            Map<String, Object> model = Personalisation.model(
                    contact, participation, unsubscribeUrl, sourced.get(send.contactId()), p.extra());
            if (send.campaignId() != null) {
                CampaignSettings campaign = settings.get(send.campaignId());
                if (campaign.variantError() != null) {
                    return new RenderResult.Failed(campaign.variantError());
                }
                boolean hasVariant = send.variant() >= 0
                        && send.variant() < campaign.subjectVariants().size();
                RenderedMessage message = rewriter.rewrite(
                        template.renderMarked(
                                model, hasVariant ? campaign.subjectVariants().get(send.variant()) : null),
                        send.sendId(),
                        campaign.trackConversions(),
                        unsubscribeUrl);
                return new RenderResult.Rendered(new OutgoingMail(
                        contact.email(),
                        campaign.from(),
                        campaign.replyTo(),
                        message.subject(),
                        message.text(),
                        message.html(),
                        unsubscribeUrl,
                        Map.of("X-IABulk-Campaign", Long.toString(campaign.id()))));
            }
            MarkedMessage marked = template.renderMarked(model, null);
            RenderedMessage message = Boolean.TRUE.equals(p.extra().get("$track"))
                    ? rewriter.rewrite(marked, send.sendId(), true, unsubscribeUrl)
                    : marked.clean();
            return new RenderResult.Rendered(new OutgoingMail(
                    contact.email(),
                    text(p.extra().get("$from"), defaultFrom),
                    text(p.extra().get("$replyTo"), null),
                    message.subject(),
                    message.text(),
                    message.html(),
                    unsubscribeUrl,
                    Map.of("X-IABulk-Kind", "transactional", "X-IABulk-Template", Long.toString(template.id()))));
        } catch (RuntimeException e) {
            return new RenderResult.Failed("Rendering failed: " + e.getMessage());
        }
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }
}
