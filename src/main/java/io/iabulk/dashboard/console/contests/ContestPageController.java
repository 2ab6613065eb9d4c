package io.iabulk.dashboard.console.contests;

import io.iabulk.analytics.Granularity;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestAnalytics;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestStats;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.Leaderboard;
import io.iabulk.dashboard.console.Formats;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.Operator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contest's page: its numbers and leaderboard (refreshed every few seconds by htmx from {@code
 * /live}), its funnel, the signups over time, the signup page's link and embed snippet.
 */
@Controller
@ConsolePage
class ContestPageController {

    /** Rows of the live leaderboard. */
    static final int LEADERBOARD_SIZE = 25;

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final ContestService contests;
    private final Formats fmt;
    private final JsonMapper json;
    private final Clock clock;

    ContestPageController(ContestService contests, Formats fmt, JsonMapper json, Clock clock) {
        this.contests = contests;
        this.fmt = fmt;
        this.json = json;
        this.clock = clock;
    }

    /** The ranges the signups chart offers. */
    enum Range {
        DAY("24h", "Last 24 hours", Duration.ofHours(24), Granularity.HOUR),
        WEEK("7d", "Last 7 days", Duration.ofDays(7), Granularity.DAY),
        MONTH("30d", "Last 30 days", Duration.ofDays(30), Granularity.DAY);

        final String key;
        final String label;
        final Duration span;
        final Granularity granularity;

        Range(String key, String label, Duration span, Granularity granularity) {
            this.key = key;
            this.label = label;
            this.span = span;
            this.granularity = granularity;
        }

        public String key() {
            return key;
        }

        public String label() {
            return label;
        }

        static Range of(String key) {
            for (Range r : values()) {
                if (r.key.equals(key)) {
                    return r;
                }
            }
            return WEEK;
        }
    }

    /** A step of the funnel: its count and its share of the signups. */
    record Step(String label, String hint, long count, double ofSignups) {

        /** The bar's length in thousandths of the signups' one. */
        public long permille() {
            return Math.round(Math.min(ofSignups, 1.0) * 1000);
        }
    }

    /** A bucket of the chart, as its visually hidden table shows it. */
    record Point(String label, long signups, long confirmations, long credited) {}

    @GetMapping("/contests/{id}")
    String page(@PathVariable long id, @RequestParam(required = false) String range, Operator operator, Model model) {
        Contest contest = contests.get(id);
        model.addAttribute("contest", contest);
        live(contest, model);
        chart(contest, Range.of(range), operator.timeZone(), model);
        model.addAttribute("embed", embed(contest));
        model.addAttribute("widget", widget(contest));
        return "console/contests/contest";
    }

    @GetMapping("/contests/{id}/live")
    String live(@PathVariable long id, Model model) {
        Contest contest = contests.get(id);
        model.addAttribute("contest", contest);
        live(contest, model);
        return "console/contests/contest :: live";
    }

    @GetMapping("/contests/{id}/chart")
    String chart(@PathVariable long id, @RequestParam(required = false) String range, Operator operator, Model model) {
        Contest contest = contests.get(id);
        model.addAttribute("contest", contest);
        chart(contest, Range.of(range), operator.timeZone(), model);
        return "console/contests/contest :: chart";
    }

    private void live(Contest contest, Model model) {
        ContestStats stats = contests.stats(contest.id());
        // a one-minute range: the funnel and the viral coefficient come from the contest's counters
        Instant now = clock.instant();
        ContestAnalytics analytics = contests.analytics(contest.id(), now, now, Granularity.MINUTE);
        Leaderboard board = contests.leaderboard(contest.id(), LEADERBOARD_SIZE);
        ContestAnalytics.Funnel f = analytics.funnel();
        long signups = f.signedUp();
        model.addAttribute("stats", stats);
        model.addAttribute("viral", String.format(Locale.ENGLISH, "%.2f", analytics.viralCoefficient()));
        model.addAttribute("topShare", analytics.topReferrersShare());
        model.addAttribute(
                "funnel",
                List.of(
                        new Step("Signed up", "joined the contest", signups, 1.0),
                        new Step("Confirmed", "confirmed their address", f.confirmed(), share(f.confirmed(), signups)),
                        new Step(
                                "Referred someone",
                                "have at least one credited referral",
                                f.referred(),
                                share(f.referred(), signups)),
                        new Step(
                                "Credited referrals",
                                "referred people who joined and counted",
                                stats.totalReferrals(),
                                share(stats.totalReferrals(), signups))));
        model.addAttribute("leaderboard", board);
        model.addAttribute("refreshSeconds", contest.status() == ContestStatus.ENDED ? 30 : 3);
    }

    private void chart(Contest contest, Range range, ZoneId zone, Model model) {
        Instant to = clock.instant();
        ContestAnalytics analytics = contests.analytics(
                contest.id(), to.minus(range.span).plus(range.granularity.width()), to, range.granularity);
        List<String> x = new ArrayList<>();
        List<Long> signups = new ArrayList<>();
        List<Long> confirmations = new ArrayList<>();
        List<Long> credited = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        long total = 0;
        for (ContestAnalytics.Bucket b : analytics.buckets()) {
            // hours in the operator's zone; days are UTC days, labelled by their date
            String label = range.granularity == Granularity.HOUR
                    ? HOUR.format(b.start().atZone(zone))
                    : DAY.format(b.start().atZone(ZoneOffset.UTC));
            x.add(label);
            signups.add(b.signups());
            confirmations.add(b.confirmations());
            credited.add(b.referralsCredited());
            points.add(new Point(label, b.signups(), b.confirmations(), b.referralsCredited()));
            total += b.signups();
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "bar");
        spec.put("x", x);
        spec.put(
                "series",
                List.of(
                        Map.of("name", "Signups", "data", signups),
                        Map.of("name", "Confirmations", "data", confirmations),
                        Map.of("name", "Credited referrals", "data", credited)));
        spec.put("yFormat", "count");
        model.addAttribute("range", range);
        model.addAttribute("ranges", Range.values());
        model.addAttribute("chartSpec", json.writeValueAsString(spec));
        model.addAttribute(
                "chartLabel",
                "Signups, confirmations and credited referrals, " + range.label.toLowerCase(Locale.ENGLISH) + ": "
                        + fmt.count(total) + " signups");
        model.addAttribute("chartPoints", points);
        model.addAttribute("chartTotal", total);
        model.addAttribute("chartDaysUtc", range.granularity == Granularity.DAY);
    }

    /**
     * The frame snippet: the signup page in an iframe, and a line of script that hands it the
     * {@code ref} of the host page's address (so a friend's link to the host page still counts).
     */
    static String embed(Contest contest) {
        String title =
                contest.name().replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        String id = "iabulk-" + contest.slug();
        return "<iframe id=\"" + id + "\" src=\"" + contest.signupUrl() + "\" title=\"" + title
                + "\" width=\"100%\" height=\"640\" loading=\"lazy\" style=\"border:0\"></iframe>\n"
                + "<script>(function(f,r){if(f&&r)f.src+=\"?ref=\"+encodeURIComponent(r)})"
                + "(document.getElementById(\"" + id
                + "\"),new URLSearchParams(location.search).get(\"ref\"))</script>";
    }

    /** The script snippet: the widget draws the form in the host page (allowed origins only). */
    static String widget(Contest contest) {
        String base =
                contest.signupUrl().substring(0, contest.signupUrl().length() - ("/c/" + contest.slug()).length());
        return "<div data-iabulk-contest=\"" + contest.slug() + "\"></div>\n<script src=\"" + base
                + "/console/embed.js\" async></script>";
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
