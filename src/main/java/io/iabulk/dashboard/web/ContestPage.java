package io.iabulk.dashboard.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.Milestone;
import java.time.Instant;
import java.util.List;

/**
 * What the signup page says about a contest.
 *
 * @param state a short label: open, not open yet, ended
 * @param window when signups open or close, as a sentence (null when open without an end)
 * @param open whether the form is shown
 * @param closedMessage why the form is not shown (null while open)
 * @param confirmationNote what happens after joining, when the contest asks for a confirmation
 */
record ContestPage(
        String name,
        String slug,
        String state,
        String window,
        boolean open,
        String closedMessage,
        String confirmationNote,
        List<Reward> rewards) {

    /** A milestone as a line: "T-shirt" for "3 referrals". */
    record Reward(String reward, String needs) {}

    static ContestPage of(Contest contest, Instant now) {
        List<Reward> rewards = rewards(contest.milestones());
        String note = contest.requireConfirmation()
                ? "We will email you a link to confirm your address. Your place counts once you have confirmed."
                : null;
        if (contest.acceptsSignupsAt(now)) {
            String window =
                    contest.endsAt() != null ? "Signups close on " + PageTexts.moment(contest.endsAt()) + "." : null;
            return new ContestPage(
                    contest.name(), contest.slug(), "Open for signups", window, true, null, note, rewards);
        }
        if (contest.status() == ContestStatus.DRAFT) {
            return closed(
                    contest,
                    "Not open yet",
                    "Signups have not opened yet.",
                    "This contest is not open for signups yet. Please come back later.",
                    rewards);
        }
        if (contest.status() == ContestStatus.ACTIVE
                && contest.startsAt() != null
                && now.isBefore(contest.startsAt())) {
            String opens = PageTexts.moment(contest.startsAt());
            return closed(
                    contest,
                    "Not open yet",
                    "Signups open on " + opens + ".",
                    "This contest opens on " + opens + ". Please come back then.",
                    rewards);
        }
        // ended by an organiser, or past its scheduled end before the scheduler noticed
        Instant ended = contest.endedAt() != null ? contest.endedAt() : contest.endsAt();
        return closed(
                contest,
                "Ended",
                ended != null ? "Signups closed on " + PageTexts.moment(ended) + "." : "Signups are closed.",
                "This contest has ended, so it no longer takes signups. Thank you for your interest!",
                rewards);
    }

    /**
     * The page of a contest that has just refused a signup. The contest may still look open here
     * (it is read a moment apart from the decision), so the page says closed whatever it reads.
     */
    static ContestPage refused(Contest contest, Instant now) {
        ContestPage page = of(contest, now);
        return page.open
                ? closed(contest, "Closed", page.window, "This contest does not take signups right now.", page.rewards)
                : page;
    }

    private static ContestPage closed(
            Contest contest, String state, String window, String message, List<Reward> rewards) {
        return new ContestPage(contest.name(), contest.slug(), state, window, false, message, null, rewards);
    }

    private static List<Reward> rewards(List<Milestone> milestones) {
        return milestones.stream()
                .map(m -> new Reward(m.reward(), PageTexts.count(m.referrals(), "referral", "referrals")))
                .toList();
    }
}
