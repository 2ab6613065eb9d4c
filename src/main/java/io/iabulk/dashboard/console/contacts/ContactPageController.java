package io.iabulk.dashboard.console.contacts;

import io.iabulk.campaigns.CampaignService;
import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contests.ContestService;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.SentMessage;
import io.iabulk.intelligence.ContactPredictions;
import io.iabulk.platform.ConsolePage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A contact's page: profile, attributes, suppression, contests, predictions and the timeline of its
 * messages (sent, opened, clicked, converted), each read through its module's public service; and
 * erasure.
 */
@Controller
@ConsolePage
class ContactPageController {

    static final int TIMELINE_PAGE = 20;
    static final int CONTESTS = 20;

    private final ContactService contacts;
    private final ContestService contests;
    private final DeliveryService delivery;
    private final CampaignService campaigns;
    private final ContactPredictions predictions;

    ContactPageController(
            ContactService contacts,
            ContestService contests,
            DeliveryService delivery,
            CampaignService campaigns,
            ContactPredictions predictions) {
        this.contacts = contacts;
        this.contests = contests;
        this.delivery = delivery;
        this.campaigns = campaigns;
        this.predictions = predictions;
    }

    /** A line of the timeline: a message and what became of it. */
    record TimelineItem(SentMessage message, String campaignName, Instant at) {

        boolean bounced() {
            return "BOUNCED".equals(message.status());
        }
    }

    @GetMapping("/contacts/{id}")
    String contact(@PathVariable long id, Model model) {
        Contact contact = contacts.get(id);
        boolean erased = contact.status() == ContactStatus.ERASED;
        model.addAttribute("contact", contact);
        model.addAttribute("erased", erased);
        model.addAttribute("name", name(contact));
        model.addAttribute("participations", contests.participationsOf(id, CONTESTS));
        model.addAttribute("prediction", erased ? null : predictions.now(id).orElse(null));
        timeline(id, null, model);
        return "console/contacts/contact";
    }

    /** The next page of the timeline (older messages), as list items. */
    @GetMapping("/contacts/{id}/timeline")
    String olderTimeline(@PathVariable long id, @RequestParam long before, Model model) {
        model.addAttribute("contact", contacts.get(id));
        timeline(id, before, model);
        return "console/contacts/contact :: timelineItems";
    }

    private void timeline(long id, Long before, Model model) {
        // newest first on the send key of the contact's rows (email_sends_contact index); one more tells
        // whether older ones exist; campaign names in one query for the page
        List<SentMessage> messages = delivery.messagesOf(id, before, TIMELINE_PAGE + 1);
        boolean more = messages.size() > TIMELINE_PAGE;
        if (more) {
            messages = messages.subList(0, TIMELINE_PAGE);
        }
        Map<Long, String> names = campaigns.names(messages.stream()
                .map(SentMessage::campaignId)
                .filter(Objects::nonNull)
                .distinct()
                .toList());
        List<TimelineItem> items = messages.stream()
                .map(m -> new TimelineItem(
                        m,
                        m.campaignId() == null ? null : names.get(m.campaignId()),
                        m.sentAt() != null ? m.sentAt() : m.queuedAt()))
                .toList();
        model.addAttribute("timeline", items);
        model.addAttribute("olderBefore", more ? messages.getLast().sendId() : null);
    }

    /** Erases the contact's personal data for good (its address stays suppressed as a hash). */
    @PostMapping("/contacts/{id}/erase")
    String erase(@PathVariable long id, RedirectAttributes redirect) {
        contacts.erase(id);
        redirect.addFlashAttribute(
                "flash", "Contact erased. Its address stays suppressed, so it is never mailed again.");
        return "redirect:/contacts";
    }

    static String name(Contact contact) {
        String first = contact.firstName() == null ? "" : contact.firstName();
        String last = contact.lastName() == null ? "" : contact.lastName();
        String name = (first + " " + last).strip();
        return name.isEmpty() ? null : name;
    }
}
