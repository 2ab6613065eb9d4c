package io.iabulk.dashboard.console.home;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.campaigns.Campaign;
import io.iabulk.campaigns.CampaignService;
import io.iabulk.contacts.ContactService;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ReviewBacklog;
import io.iabulk.dashboard.console.analytics.Chart;
import io.iabulk.dashboard.console.analytics.RollupSums;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.Operator;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's home: live counters (polled every 5 s as a fragment), the last 7 days from the
 * rollups, the campaigns sending now, contests ending soon and referrals waiting for review.
 */
@Controller
@ConsolePage
class HomeController {

    static final int DAYS = 7;
    static final int LIST_SIZE = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    /** A campaign in progress and how far it is, as the home page shows it. */
    record CampaignRow(Campaign campaign, long done, long total, double share) {}

    private final LiveCounters counters;
    private final AnalyticsService analytics;
    private final CampaignService campaigns;
    private final ContestService contests;
    private final ContactService contacts;
    private final Clock clock;

    HomeController(
            LiveCounters counters,
            AnalyticsService analytics,
            CampaignService campaigns,
            ContestService contests,
            ContactService contacts,
            Clock clock) {
        this.counters = counters;
        this.analytics = analytics;
        this.campaigns = campaigns;
        this.contests = contests;
        this.contacts = contacts;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(@RequestParam(required = false) String welcome, Operator operator, Model model) {
        ZoneId zone = operator.timeZone();
        model.addAttribute("welcome", welcome != null);
        model.addAttribute("snapshot", counters.now(zone));
        addWeek(model, zone);
        model.addAttribute(
                "running",
                campaigns.inProgress(LIST_SIZE).stream()
                        .map(HomeController::row)
                        .toList());
        model.addAttribute("endingSoon", contests.endingSoon(LIST_SIZE));
        // the review queue across contests from their counters; the total counts every contest listed
        List<ReviewBacklog> backlog = contests.reviewBacklog(50);
        model.addAttribute("reviews", backlog.subList(0, Math.min(LIST_SIZE, backlog.size())));
        model.addAttribute(
                "reviewTotal",
                backlog.stream().mapToLong(ReviewBacklog::flagged).sum());
        // a fresh install: one keyset read each, by primary key
        model.addAttribute("noContests", contests.list(null, null, 1).isEmpty());
        model.addAttribute("noContacts", contacts.list(0, null, null, 1).isEmpty());
        model.addAttribute("editor", operator.role().includes(io.iabulk.platform.Role.EDITOR));
        return "console/home/home";
    }

    /** The counters alone, for the page's polling. */
    @GetMapping("/home/counters")
    String counters(Operator operator, Model model) {
        model.addAttribute("snapshot", counters.now(operator.timeZone()));
        return "console/home/home :: counters";
    }

    private void addWeek(Model model, ZoneId zone) {
        Instant now = clock.instant();
        LocalDate last = LocalDate.ofInstant(now, zone);
        LocalDate first = last.minusDays(DAYS - 1);
        Set<String> types = Set.of(
                EventTypes.CONTEST_SIGNUP,
                EventTypes.CONTEST_CONFIRMED,
                EventTypes.EMAIL_SENT,
                EventTypes.EMAIL_OPEN,
                EventTypes.EMAIL_CLICK);
        Map<String, List<Long>> days = RollupSums.localDays(analytics, types, zone, first, last, now);
        List<String> x = new ArrayList<>(DAYS);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            x.add(day.equals(last) ? "Today" : DAY.format(day));
        }
        model.addAttribute(
                "signupChart",
                new Chart(
                        "bar",
                        x,
                        List.of(
                                new Chart.Series("Signups", days.get(EventTypes.CONTEST_SIGNUP)),
                                new Chart.Series("Confirmations", days.get(EventTypes.CONTEST_CONFIRMED))),
                        "count"));
        model.addAttribute(
                "sendChart",
                new Chart(
                        "bar", x, List.of(new Chart.Series("Emails sent", days.get(EventTypes.EMAIL_SENT))), "count"));
        model.addAttribute(
                "engagementChart",
                new Chart(
                        "line",
                        x,
                        List.of(
                                new Chart.Series("Human opens", days.get(EventTypes.EMAIL_OPEN)),
                                new Chart.Series("Human clicks", days.get(EventTypes.EMAIL_CLICK))),
                        "count"));
    }

    private static CampaignRow row(Campaign campaign) {
        var p = campaign.progress();
        long done = p.sent() + p.failed() + p.bounced() + p.suppressed() + p.cancelled();
        long total = Math.max(p.total(), done);
        return new CampaignRow(campaign, done, total, total == 0 ? 0 : (double) done / total);
    }
}
