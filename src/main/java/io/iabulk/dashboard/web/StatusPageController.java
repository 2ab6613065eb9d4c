package io.iabulk.dashboard.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.Milestone;
import io.iabulk.contests.NextMilestone;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.ParticipantView;
import io.iabulk.contests.ReferralNotice;
import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PagePolicy;
import io.iabulk.platform.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;

/**
 * A participant's own page ({@code /p/{referralCode}}): whether they have confirmed, where they
 * stand, the next reward, their link to share, and why referrals have not counted (yet).
 */
@Controller
@PublicEndpoint("pages")
@HtmlPage(embeddable = true) // a customer embeds the signup form (and where it leads) in their site
class StatusPageController {

    private final ContestService contests;
    private final ContestShowcase showcase;
    private final RenderedPages rendered;

    StatusPageController(ContestService contests, ContestShowcase showcase, RenderedPages rendered) {
        this.contests = contests;
        this.showcase = showcase;
        this.rendered = rendered;
    }

    /** The page's content, worded; every value is rendered escaped. */
    record StatusPage(
            String contestName,
            String contestSlug,
            String displayName,
            boolean confirmed,
            String notice,
            long rank,
            int points,
            int referrals,
            String nextMilestone,
            List<RewardProgress> rewards,
            String referralUrl,
            String mailtoUrl,
            String whatsAppUrl,
            List<Notice> notices,
            Progress progress,
            List<ShareLink> shareLinks,
            String shareText) {}

    /** Progress towards the next milestone: referrals credited since the last one reached. */
    record Progress(int value, int max, String label) {}

    /** A share button: the network's name and its share address carrying the referral link. */
    record ShareLink(String network, String url) {}

    /** A milestone and whether this participant has unlocked it. */
    record RewardProgress(String reward, String needs, boolean unlocked) {}

    /** A referral that has not counted: who, since when, and why in plain words. */
    record Notice(String name, String since, String state, String explanation) {}

    /** The status link shared with a trailing slash. */
    @GetMapping("/p/{referralCode}/")
    ResponseEntity<Void> slashed(HttpServletRequest request) {
        return SlashedLinks.toPage(request);
    }

    /**
     * The contest's part of the page is a frame rendered at most once a second ({@link
     * RenderedPages}); the participant's part is written into it per request ({@link StatusSection}).
     */
    @GetMapping("/p/{referralCode}")
    ResponseEntity<byte[]> page(
            @PathVariable String referralCode,
            @RequestParam(required = false) String joined,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (referralCode.length() > 32) {
            throw new NotFoundException("Participant with referral code", referralCode);
        }
        ParticipantView participant = contests.participant(referralCode);
        Contest contest = contests.getRecent(participant.contestId());
        PagePolicy.frameAncestors(response, contest.experience().allowedOrigins());
        PagePolicy.images(
                response,
                PagePolicy.present(
                        contest.experience().logoUrl(), contest.experience().imageUrl()));
        List<ReferralNotice> notices =
                participant.hasReferred() ? contests.referralNotices(participant.participantId()) : List.of();
        // the page is one person's own standing: neither shared caches nor search engines keep it
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        response.setHeader("X-Robots-Tag", "noindex");
        RenderedPages.Frame frame = rendered.frame(
                new FrameKey(contest),
                () -> new ModelAndView("dashboard/status").addObject("show", showcase.of(contest)),
                request,
                response);
        String section = StatusSection.html(page(participant, contest, notices, "1".equals(joined)));
        return RenderedPages.html(frame.with(section, request), request);
    }

    /** What the contest's part of a status page is made of, besides the moment. */
    private record FrameKey(Contest contest) {}

    static StatusPage page(
            ParticipantView participant, Contest contest, List<ReferralNotice> notices, boolean justJoined) {
        boolean confirmed = participant.status() == ParticipantStatus.CONFIRMED;
        return new StatusPage(
                contest.name(),
                contest.slug(),
                participant.displayName(),
                confirmed,
                notice(confirmed, justJoined),
                participant.rank(),
                participant.points(),
                participant.referrals(),
                nextMilestone(participant.nextMilestone(), contest.milestones()),
                contest.milestones().stream()
                        .map(m -> new RewardProgress(
                                m.reward(),
                                PageTexts.count(m.referrals(), "referral", "referrals"),
                                participant.referrals() >= m.referrals()))
                        .toList(),
                participant.referralUrl(),
                mailto(contest.name(), participant.referralUrl()),
                "https://wa.me/?text=" + encode(invitation(contest.name(), participant.referralUrl())),
                notices.stream().map(StatusPageController::notice).toList(),
                progress(participant, contest.milestones()),
                shareLinks(contest.name(), participant.referralUrl()),
                invitation(contest.name(), participant.referralUrl()));
    }

    /** From the last milestone reached (or zero) to the next one; null when none is left. */
    static Progress progress(ParticipantView participant, List<Milestone> milestones) {
        NextMilestone next = participant.nextMilestone();
        if (next == null) {
            return null;
        }
        int from = milestones.stream()
                .mapToInt(Milestone::referrals)
                .filter(n -> n <= participant.referrals())
                .max()
                .orElse(0);
        int have = participant.referrals() - from;
        int needed = next.referrals() - from;
        return new Progress(
                have,
                needed,
                have + " of " + PageTexts.count(needed, "referral", "referrals") + " towards " + next.reward());
    }

    /** The share buttons, each carrying the link and a one-line invitation. */
    static List<ShareLink> shareLinks(String contestName, String referralUrl) {
        String url = encode(referralUrl);
        String text = encode("Join me in " + contestName);
        return List.of(
                new ShareLink("X", "https://x.com/intent/tweet?text=" + text + "&url=" + url),
                new ShareLink("Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + url),
                new ShareLink("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + url),
                new ShareLink("WhatsApp", "https://wa.me/?text=" + encode(invitation(contestName, referralUrl))),
                new ShareLink("Telegram", "https://t.me/share/url?url=" + url + "&text=" + text),
                new ShareLink("Email", mailto(contestName, referralUrl)));
    }

    private static String notice(boolean confirmed, boolean justJoined) {
        if (confirmed) {
            return justJoined ? "You're in! Share your link below to climb the leaderboard." : null;
        }
        return justJoined
                ? "Thanks for joining! Check your inbox to confirm: we have sent a link to your email address."
                        + " Your place counts once you have confirmed."
                : "Please confirm your email address with the link we sent you. Can't find it? Sign up again"
                        + " on the contest page with the same address and we will send a new one.";
    }

    /** "2 more referrals to unlock T-shirt", or that all are reached; null without milestones. */
    static String nextMilestone(NextMilestone next, List<Milestone> milestones) {
        if (next != null) {
            return PageTexts.count(next.remaining(), "more referral", "more referrals") + " to unlock " + next.reward()
                    + ".";
        }
        return milestones.isEmpty() ? null : "You have reached every milestone. Well done!";
    }

    static Notice notice(ReferralNotice notice) {
        String explanation = switch (notice.status()) {
            case PENDING -> "Waiting for " + notice.refereeName() + " to confirm their email address.";
            case FLAGGED ->
                notice.reason() != null
                        ? "Waiting for an organiser's review: "
                                + notice.reason().explanation() + "."
                        : "Waiting for an organiser's review.";
            case REJECTED ->
                notice.reason() != null
                        ? "This referral is not counted because "
                                + notice.reason().explanation() + "."
                        : "This referral is not counted.";
            case CREDITED -> notice.refereeName() + " joined through your link: this referral counts for you.";
        };
        String state = switch (notice.status()) {
            case CREDITED -> "Counted";
            case PENDING -> "Waiting for confirmation";
            case FLAGGED -> "In review";
            case REJECTED -> "Not counted";
        };
        return new Notice(notice.refereeName(), "joined " + PageTexts.day(notice.createdAt()), state, explanation);
    }

    private static String invitation(String contestName, String referralUrl) {
        return "Join me in " + contestName + ": " + referralUrl;
    }

    private static String mailto(String contestName, String referralUrl) {
        return "mailto:?subject=" + encode("Join me in " + contestName) + "&body="
                + encode("I have joined " + contestName + " and thought you might like it too. Sign up here: "
                        + referralUrl);
    }

    private static String encode(String text) {
        return UriUtils.encode(text, StandardCharsets.UTF_8);
    }
}
