package io.iabulk.dashboard.web;

import io.iabulk.contests.ConfirmationResult;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ParticipantView;
import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.PublicEndpoint;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the link in the confirmation email lands ({@code /confirm/{token}}). Following it again
 * shows the same page, so a second click or a mail scanner that opened it first does no harm.
 */
@Controller
@PublicEndpoint("pages")
@HtmlPage(secretInAddress = true)
class ConfirmationPageController {

    private final ContestService contests;

    ConfirmationPageController(ContestService contests) {
        this.contests = contests;
    }

    /** The page after a confirmation; {@code statusPath} is the participant's own page. */
    record ConfirmedPage(String contestName, String referralUrl, String statusPath) {}

    @GetMapping("/confirm/{token}")
    ModelAndView confirm(@PathVariable String token, HttpServletResponse response) {
        // the token is a credential: no cache keeps the page, and no link on it sends the URL on
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Robots-Tag", "noindex");
        ConfirmationResult result = contests.confirm(token);
        Optional<ParticipantView> participant = result.participant();
        return switch (result.outcome()) {
            case CONFIRMED, ALREADY_CONFIRMED ->
                participant.isPresent() ? confirmed(participant.get()) : invalidLink(Optional.empty());
            case EXPIRED -> invalidLink(participant.map(p -> contests.get(p.contestId())));
            case UNKNOWN -> invalidLink(Optional.empty());
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
