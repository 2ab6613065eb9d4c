package io.iabulk.dashboard.web;

import io.iabulk.contests.ConfirmationResult;
import io.iabulk.contests.ConfirmationResult.Outcome;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ParticipantView;
import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.PublicEndpoint;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the link in the confirmation email lands ({@code /confirm/{token}}). {@code GET} changes
 * nothing: it shows a page with a button, because mail security scanners fetch every link of a
 * message and would otherwise confirm addresses (and credit referrals) on their own, as they would
 * unsubscribe people (see {@code tracking/web/UnsubscribeController}). The button's {@code POST}
 * confirms. Links in emails sent before this change lead to the same page, so they keep working.
 * Confirming twice, or opening the link of a confirmed participant, shows the confirmed page.
 */
@Controller
@PublicEndpoint("pages")
// the token is a credential: no cache keeps the page, no search engine indexes it, no referrer carries it
@HtmlPage(secretInAddress = true)
class ConfirmationPageController {

    private final ContestService contests;

    ConfirmationPageController(ContestService contests) {
        this.contests = contests;
    }

    /** The page after a confirmation; {@code statusPath} is the participant's own page. */
    record ConfirmedPage(String contestName, String referralUrl, String statusPath) {}

    /** The page asking to confirm. */
    record ConfirmPage(String contestName) {}

    @GetMapping("/confirm/{token}")
    ModelAndView page(@PathVariable String token) {
        ConfirmationResult result = contests.confirmation(token);
        if (result.outcome() == Outcome.AWAITING && result.participant().isPresent()) {
            Contest contest = contests.get(result.participant().get().contestId());
            return new ModelAndView("dashboard/confirm").addObject("page", new ConfirmPage(contest.name()));
        }
        return answer(result);
    }

    /*
     * No CSRF token on this form: the secret is the token in the path, which a forging site does not
     * know, and confirming is idempotent (a second POST shows the same page and changes nothing).
     */
    @PostMapping("/confirm/{token}")
    ModelAndView confirm(@PathVariable String token) {
        return answer(contests.confirm(token));
    }

    private ModelAndView answer(ConfirmationResult result) {
        Optional<ParticipantView> participant = result.participant();
        return switch (result.outcome()) {
            case CONFIRMED, ALREADY_CONFIRMED ->
                participant.isPresent() ? confirmed(participant.get()) : invalidLink(Optional.empty());
            case EXPIRED -> invalidLink(participant.map(p -> contests.get(p.contestId())));
            case AWAITING, UNKNOWN -> invalidLink(Optional.empty());
        };
    }

    private ModelAndView confirmed(ParticipantView participant) {
        Contest contest = contests.get(participant.contestId());
        return new ModelAndView("dashboard/confirmed")
                .addObject(
                        "page",
                        new ConfirmedPage(
                                contest.name(), participant.referralUrl(), "/p/" + participant.referralCode()));
    }

    /** Expired and unknown links read the same; an expired one also leads back to its contest. */
    private static ModelAndView invalidLink(Optional<Contest> contest) {
        ErrorPage page = new ErrorPage(
                "Link expired or not valid",
                "This link has expired or is not valid",
                "Sign up again on the contest page to get a new one: we will email you a fresh link.",
                contest.map(c -> "/c/" + c.slug()).orElse(null),
                contest.map(c -> "Go to the signup page of " + c.name()).orElse(null),
                null);
        return new ModelAndView("dashboard/error", HttpStatus.NOT_FOUND).addObject("page", page);
    }
}
