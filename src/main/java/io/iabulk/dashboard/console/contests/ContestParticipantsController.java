package io.iabulk.dashboard.console.contests;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ParticipantDetails;
import io.iabulk.contests.ParticipantQuery;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.ParticipantSummary;
import io.iabulk.contests.ParticipantsCsv;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralReview;
import io.iabulk.platform.ConsolePage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A contest's participants: found by the start of their address or their referral code, filtered by
 * status, downloaded as CSV; and one participant's page, with how they joined and every referral
 * they made, each with its state and, for one that did not count, the reason in words. This is where
 * an operator answers "my friend's signup was not counted".
 */
@Controller
@ConsolePage
class ContestParticipantsController {

    static final int PAGE_SIZE = 50;

    private final ContestService contests;
    private final ParticipantsCsv csv;

    ContestParticipantsController(ContestService contests, ParticipantsCsv csv) {
        this.contests = contests;
        this.csv = csv;
    }

    /** The referral that brought a participant in, and why it is where it is, in words. */
    record Joined(Referral referral, String reasonTitle, String reasonDetail, String riskLabel) {}

    /** A choice of the status filter. */
    record StatusFilter(String key, String label) {}

    static final List<StatusFilter> STATUSES = List.of(
            new StatusFilter("", "Any status"),
            new StatusFilter("CONFIRMED", "Confirmed"),
            new StatusFilter("PENDING", "Not confirmed yet"));

    @GetMapping("/contests/{id}/participants")
    String list(
            @PathVariable long id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long before,
            HttpServletRequest request,
            Model model) {
        Contest contest = contests.get(id);
        ParticipantQuery query = query(q, status);
        List<ParticipantSummary> fetched = contests.participants(id, query, after, before, PAGE_SIZE + 1);
        PageLinks<ParticipantSummary> page =
                PageLinks.of(request, fetched, PAGE_SIZE, after, before, ParticipantSummary::participantId);
        model.addAttribute("contest", contest);
        model.addAttribute("stats", contests.stats(id));
        model.addAttribute("page", page);
        model.addAttribute("q", query.text());
        model.addAttribute(
                "status", query.status() == null ? "" : query.status().name());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("filtered", query.filtered());
        model.addAttribute("paged", after != null || before != null);
        model.addAttribute("csvUrl", csvUrl(id, query));
        return "console/contests/participants";
    }

    /** The participants the list shows (every page of it) as one CSV file. */
    @GetMapping("/contests/{id}/participants.csv")
    void download(
            @PathVariable long id,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            HttpServletResponse response)
            throws IOException {
        contests.get(id);
        csv.send(id, query(q, status), response);
    }

    @GetMapping("/contests/{id}/participants/{participantId}")
    String participant(
            @PathVariable long id,
            @PathVariable long participantId,
            @RequestParam(required = false) Long after,
            Model model) {
        Contest contest = contests.get(id);
        ParticipantDetails participant = contests.participantDetails(id, participantId);
        List<ReferralReview> made = contests.referralsMadeBy(id, participantId, after, PAGE_SIZE + 1);
        boolean more = made.size() > PAGE_SIZE;
        List<ReferralReview> shown = more ? made.subList(0, PAGE_SIZE) : made;
        Referral joined = participant.referral();
        model.addAttribute("contest", contest);
        model.addAttribute("stats", contests.stats(id));
        model.addAttribute("participant", participant);
        // the standing the participant sees on their status page: rank, next reward, open referrals
        model.addAttribute("standing", contests.participant(participant.referralCode()));
        model.addAttribute(
                "referrer",
                participant.referredBy() != null ? contests.participantDetails(id, participant.referredBy()) : null);
        model.addAttribute(
                "joined",
                joined == null
                        ? null
                        : new Joined(
                                joined,
                                ContestReviewController.title(joined.reason()),
                                ContestReviewController.detail(joined.reason()),
                                ContestReviewController.riskLabel(joined.risk())));
        model.addAttribute(
                "rows", shown.stream().map(ContestParticipantsController::row).toList());
        model.addAttribute("firstPage", after == null);
        model.addAttribute(
                "olderUrl",
                more
                        ? "/contests/" + id + "/participants/" + participantId + "?after="
                                + shown.getLast().id()
                        : null);
        model.addAttribute("referralUrl", contest.referralUrl(participant.referralCode()));
        return "console/contests/participant";
    }

    private static ContestReviewController.Row row(ReferralReview r) {
        return new ContestReviewController.Row(
                r,
                ContestReviewController.title(r.reason()),
                ContestReviewController.detail(r.reason()),
                ContestReviewController.riskLabel(r.risk()));
    }

    /**
     * The search as the page's form sends it, forgiving what a hand-edited address may hold: an
     * unknown status shows every status, control characters are dropped, and the text is cut to an
     * address's length.
     */
    static ParticipantQuery query(String q, String status) {
        String text = q == null
                ? ""
                : q.codePoints()
                        .filter(c -> !Character.isISOControl(c))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString()
                        .strip();
        if (text.length() > ParticipantQuery.MAX_TEXT) {
            text = text.substring(0, ParticipantQuery.MAX_TEXT);
        }
        ParticipantStatus wanted = ParticipantQuery.status(status);
        return new ParticipantQuery(text, wanted);
    }

    private static String csvUrl(long id, ParticipantQuery query) {
        StringBuilder url = new StringBuilder("/contests/" + id + "/participants.csv");
        String sep = "?";
        if (!query.text().isEmpty()) {
            url.append(sep).append("q=").append(java.net.URLEncoder.encode(query.text(), StandardCharsets.UTF_8));
            sep = "&";
        }
        if (query.status() != null) {
            url.append(sep).append("status=").append(query.status().name());
        }
        return url.toString();
    }
}
