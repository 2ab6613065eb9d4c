package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ParticipantSignedUp;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.platform.PublicUrls;
import java.util.Map;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends the confirmation email after a signup commits. The event is stored with the signup, so a
 * crash or a failing relay delays the email but never loses it (incomplete publications are
 * resubmitted).
 */
@Component
class ConfirmationMailer {

    private final DeliveryService delivery;
    private final ContestCatalog contests;
    private final PublicUrls urls;
    private final String from;

    ConfirmationMailer(
            DeliveryService delivery, ContestCatalog contests, PublicUrls urls, ContestsProperties properties) {
        this.delivery = delivery;
        this.contests = contests;
        this.urls = urls;
        this.from = properties.confirmation().from();
    }

    // no transaction: sending must not hold a pooled connection (the contest comes from a cache)
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ParticipantSignedUp signup) {
        if (signup.confirmationToken() == null) {
            return;
        }
        Contest contest = contests.require(signup.contestId());
        String confirmUrl = urls.of("/confirm/" + signup.confirmationToken());
        String referralUrl = contest.referralUrl(signup.referralCode());
        String greeting = signup.firstName() != null ? signup.firstName() : "there";
        String text = """
                Hi %s,

                Please confirm your email address to join %s:
                %s

                Once you have confirmed, every friend who joins through your link counts for you:
                %s

                If you did not sign up, ignore this email; nothing happens without a confirmation.
                """.formatted(greeting, contest.name(), confirmUrl, referralUrl);
        String html = """
                <!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
                <p>Hi %s,</p>
                <p>Please confirm your email address to join <strong>%s</strong>:</p>
                <p><a href="%s">Confirm my email address</a></p>
                <p>Once you have confirmed, every friend who joins through your link counts for you:<br>
                <a href="%s">%s</a></p>
                <p style="color:#555">If you did not sign up, ignore this email; nothing happens without a confirmation.</p>
                </body></html>
                """.formatted(
                        HtmlUtils.htmlEscape(greeting),
                        HtmlUtils.htmlEscape(contest.name()),
                        HtmlUtils.htmlEscape(confirmUrl),
                        HtmlUtils.htmlEscape(referralUrl),
                        HtmlUtils.htmlEscape(referralUrl));
        delivery.send(new OutgoingMail(
                signup.email(),
                from,
                "Confirm your place in " + contest.name(),
                text,
                html,
                Map.of("X-IABulk-Kind", "contest-confirmation")));
    }
}
