package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.MessageService;
import io.iabulk.contacts.ContactId;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ParticipantSignedUp;
import io.iabulk.platform.PublicUrls;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Queues the confirmation email of a contest signup as a transactional message from the {@code
 * contest-confirmation} system template (which operators may edit). It runs inside the signup's own
 * transaction, so the participant and its email row commit together: neither a crash nor a failing
 * relay loses the email, and a signup costs no stored event publication and no second transaction
 * for it (the launch-spike path, docs/decisions/0029).
 */
@Component
class ConfirmationMailer {

    private final MessageService messages;
    private final ContestService contests;
    private final PublicUrls urls;
    private final SystemTemplates templates;
    private final String from;

    ConfirmationMailer(
            MessageService messages,
            ContestService contests,
            PublicUrls urls,
            SystemTemplates templates,
            ContestsProperties properties) {
        this.messages = messages;
        this.contests = contests;
        this.urls = urls;
        this.templates = templates;
        this.from = properties.confirmation().from();
    }

    @EventListener
    void on(ParticipantSignedUp signup) {
        if (signup.confirmationToken() == null) {
            return;
        }
        // the contest as the signup just read it (cached up to a second): its name and link only
        Contest contest = contests.getRecent(signup.contestId());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("contestName", contest.name());
        context.put("confirmUrl", urls.of("/confirm/" + signup.confirmationToken()));
        context.put("referralUrl", contest.referralUrl(signup.referralCode()));
        context.put("$from", from);
        messages.queue(new ContactId(signup.contactId()), templates.id("contest-confirmation"), context);
    }
}
