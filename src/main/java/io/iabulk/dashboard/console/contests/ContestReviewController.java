package io.iabulk.dashboard.console.contests;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralFilter;
import io.iabulk.contests.ReferralReason;
import io.iabulk.contests.ReferralReview;
import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.contests.RiskLevel;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A contest's review queue: the referrals the fraud rules flagged, with their reasons in plain words,
 * approved or rejected one at a time or many at once; and the referrals already decided.
 */
@Controller
@ConsolePage
class ContestReviewController {

    static final int PAGE_SIZE = 50;

    private final ContestService contests;

    ContestReviewController(ContestService contests) {
        this.contests = contests;
    }

    /** A tab of the page: the referrals of one status, or the watch list. */
    record Tab(String key, String label, ReferralStatus status, boolean watch) {}

    static final List<Tab> TABS = List.of(
            new Tab("flagged", "Waiting for review", ReferralStatus.FLAGGED, false),
            new Tab("watch", "Watch list", null, true),
            new Tab("pending", "Waiting for confirmation", ReferralStatus.PENDING, false),
            new Tab("credited", "Credited", ReferralStatus.CREDITED, false),
            new Tab("rejected", "Rejected", ReferralStatus.REJECTED, false));

    /** A filter link by risk level ({@code key} empty: every level). */
    record LevelFilter(String key, String label) {}

    static final List<LevelFilter> LEVELS = List.of(
            new LevelFilter("", "Any risk"),
            new LevelFilter("HIGH", "High risk"),
            new LevelFilter("MEDIUM", "Medium risk"),
            new LevelFilter("LOW", "Low risk"));

    /** A row: the referral, and why it is where it is, in words. */
    record Row(ReferralReview referral, String reasonTitle, String reasonDetail, String riskLabel) {}

    @GetMapping("/contests/{id}/review")
    String queue(
            @PathVariable long id,
            @RequestParam(required = false) String show,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) String level,
            HttpServletRequest request,
            Model model) {
        Contest contest = contests.get(id);
        Tab tab = TABS.stream().filter(t -> t.key().equals(show)).findFirst().orElse(TABS.getFirst());
        // an unknown level (a hand-edited address) shows every level rather than an error
        RiskLevel riskLevel = java.util.Arrays.stream(RiskLevel.values())
                .filter(l -> l.name().equals(level))
                .findFirst()
                .orElse(null);
        // the queue is worked oldest first; decided referrals read best newest first
        boolean newestFirst = tab.status() != ReferralStatus.FLAGGED;
        List<ReferralReview> fetched = contests.referralReviews(
                id,
                new ReferralFilter(tab.status(), riskLevel, tab.watch()),
                newestFirst,
                after,
                before,
                PAGE_SIZE + 1);
        PageLinks<ReferralReview> page = PageLinks.of(request, fetched, PAGE_SIZE, after, before, ReferralReview::id);
        model.addAttribute("contest", contest);
        model.addAttribute("stats", contests.stats(id));
        model.addAttribute("tab", tab);
        model.addAttribute("tabs", TABS);
        model.addAttribute("levels", LEVELS);
        model.addAttribute("level", riskLevel != null ? riskLevel.name() : "");
        model.addAttribute("page", page);
        model.addAttribute(
                "rows",
                page.rows().stream()
                        .map(r -> new Row(r, title(r.reason()), detail(r.reason()), riskLabel(r.risk())))
                        .toList());
        return "console/contests/review";
    }

    @PostMapping("/contests/{id}/review/approve")
    String approve(
            @PathVariable long id,
            @RequestParam(name = "ids", required = false) List<Long> ids,
            @RequestParam(name = "id", required = false) Long one,
            RedirectAttributes redirect) {
        return decide(id, ids, one, true, redirect);
    }

    @PostMapping("/contests/{id}/review/reject")
    String reject(
            @PathVariable long id,
            @RequestParam(name = "ids", required = false) List<Long> ids,
            @RequestParam(name = "id", required = false) Long one,
            RedirectAttributes redirect) {
        return decide(id, ids, one, false, redirect);
    }

    private String decide(long contestId, List<Long> ids, Long one, boolean approve, RedirectAttributes redirect) {
        contests.get(contestId);
        Set<Long> chosen = new LinkedHashSet<>(one != null ? List.of(one) : ids != null ? ids : List.of());
        chosen.remove(null); // an empty box ("ids=") binds as null
        if (chosen.isEmpty()) {
            redirect.addFlashAttribute(
                    "flash", "Select the referrals to " + (approve ? "approve" : "reject") + " first");
            redirect.addFlashAttribute("flashLevel", "warning");
            return "redirect:/contests/" + contestId + "/review";
        }
        if (chosen.size() > PAGE_SIZE) {
            throw new InvalidRequestException("ids", "at most " + PAGE_SIZE + " referrals at once");
        }
        int credited = 0;
        int waiting = 0;
        int rejected = 0;
        int ended = 0;
        List<String> skipped = new ArrayList<>();
        for (long referralId : chosen) {
            try {
                if (!approve) {
                    contests.rejectReferral(referralId);
                    rejected++;
                    continue;
                }
                Referral r = contests.approveReferral(referralId);
                switch (r.status()) {
                    case CREDITED -> credited++;
                    case PENDING -> waiting++;
                    default -> ended++;
                }
            } catch (ConflictException | NotFoundException e) {
                skipped.add("#" + referralId);
            }
        }
        List<String> parts = new ArrayList<>();
        if (credited > 0) {
            parts.add(count(credited, "referral") + " approved and credited");
        }
        if (waiting > 0) {
            parts.add(count(waiting, "referral") + " approved; " + (waiting == 1 ? "it counts" : "they count")
                    + " once the referee confirms");
        }
        if (ended > 0) {
            parts.add(count(ended, "referral") + " not credited: confirmed after the contest ended");
        }
        if (rejected > 0) {
            parts.add(count(rejected, "referral") + " rejected");
        }
        if (!skipped.isEmpty()) {
            parts.add(count(skipped.size(), "referral") + " had been decided already");
        }
        redirect.addFlashAttribute("flash", String.join(". ", parts));
        if (credited + waiting + rejected + ended == 0) {
            redirect.addFlashAttribute("flashLevel", "warning");
        }
        return "redirect:/contests/" + contestId + "/review";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The reason a referral is flagged or did not count, as a short title. */
    static String title(ReferralReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case SELF_REFERRAL -> "Self-referral";
            case DUPLICATE_EMAIL -> "Address already in the contest";
            case DISPOSABLE_DOMAIN -> "Throwaway email address";
            case IP_VELOCITY -> "Many signups from one network";
            case RISK_SCORE -> "High fraud risk";
            case CONTEST_ENDED -> "Confirmed after the end";
            case OPERATOR_REJECTED -> "Rejected by an operator";
        };
    }

    /** What the reason means, in a sentence an operator can act on. */
    static String detail(ReferralReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case SELF_REFERRAL -> "The referrer and the referee are the same person.";
            case DUPLICATE_EMAIL -> "The referee's address had already joined this contest.";
            case DISPOSABLE_DOMAIN ->
                "The referee signed up with a disposable-mail service, often used to make fake referrals.";
            case IP_VELOCITY ->
                "Many people joined from the referee's network in a short time: an office or a household, or one"
                        + " person signing up many times.";
            case RISK_SCORE ->
                "The referral's risk score is high: the signals listed with it look like fake sign-ups made by one"
                        + " person or a script.";
            case CONTEST_ENDED -> "The referee confirmed after the contest had ended.";
            case OPERATOR_REJECTED -> "An operator reviewed it and did not count it.";
        };
    }

    /** "High risk · 0.82", or null when the referral was never assessed. */
    static String riskLabel(ReferralRisk risk) {
        if (risk == null) {
            return null;
        }
        return label(risk.level().name()) + " risk · " + String.format(Locale.ROOT, "%.2f", risk.score());
    }

    private static String label(String name) {
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    static String label(ReferralStatus status) {
        return status.name().charAt(0) + status.name().substring(1).toLowerCase(Locale.ROOT);
    }
}
