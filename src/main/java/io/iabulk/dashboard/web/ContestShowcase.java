package io.iabulk.dashboard.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestExperience;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.LeaderboardEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * What every participant page shows of its contest: the brand (logo, colour, image), the
 * description and prize, the terms, how many joined, the countdown to the end and the top 10.
 * The count and the board are kept for two seconds per contest: the signup page is the hot end of
 * a viral link, and "N people have joined" need not be exact to the second.
 */
@Component
class ContestShowcase {

    static final int TOP = 10;
    private static final Duration FRESH = Duration.ofSeconds(2);

    private final ContestService contests;
    private final Clock clock;
    private final Cache<Long, Live> live =
            Caffeine.newBuilder().maximumSize(1_000).expireAfterWrite(FRESH).build();

    ContestShowcase(ContestService contests, Clock clock) {
        this.contests = contests;
        this.clock = clock;
    }

    /**
     * A contest as its pages show it; every text is escaped by the template but the two Markdown
     * fields, rendered here with raw HTML escaped ({@link Markdown}).
     *
     * @param accent the buttons' and links' colour ({@code #rrggbb}, null for the default)
     * @param accentText the text colour on the accent, black or white, whichever contrasts more
     * @param endsAt the scheduled end as ISO-8601 (the countdown's target), null when none
     * @param endsIn the countdown as the server writes it ("3 days 4 hours left")
     */
    record Showcase(
            long id,
            String name,
            String slug,
            String descriptionHtml,
            String prize,
            String imageUrl,
            String logoUrl,
            String accent,
            String accentText,
            String termsHtml,
            long joined,
            String joinedText,
            String endsAt,
            String endsIn,
            boolean showLeaderboard,
            List<BoardRow> leaderboard,
            String summary,
            String url) {

        /** The style attribute that sets the page's accent, or null for the default colours. */
        public String style() {
            if (accent == null) {
                return null;
            }
            // links are text on white: the accent only where it reads (4.5:1), the default blue otherwise
            String link = contrastOnWhite(accent) >= 4.5 ? accent : "#1545b3";
            return "--accent: " + accent + "; --accent-text: " + accentText + "; --accent-link: " + link + ";";
        }
    }

    /** A row of the public top 10: the masked name only. */
    record BoardRow(long rank, String name, int referrals, int points) {}

    private record Live(long joined, List<BoardRow> top) {}

    Showcase of(Contest contest) {
        ContestExperience brand = contest.experience();
        Live now = live.get(contest.id(), id -> load(contest));
        Instant at = Instant.now(clock);
        String endsAt = contest.endsAt() != null && contest.endsAt().isAfter(at) && contest.endedAt() == null
                ? contest.endsAt().toString()
                : null;
        String accent = brand.accent();
        return new Showcase(
                contest.id(),
                contest.name(),
                contest.slug(),
                Markdown.html(brand.description()),
                brand.prize(),
                brand.imageUrl(),
                brand.logoUrl(),
                accent,
                accent == null ? null : textOn(accent),
                Markdown.html(brand.terms()),
                now.joined(),
                now.joined() == 1
                        ? "1 person has joined"
                        : String.format(Locale.ENGLISH, "%,d people have joined", now.joined()),
                endsAt,
                endsAt == null ? null : remaining(Duration.between(at, contest.endsAt())),
                brand.showLeaderboard(),
                brand.showLeaderboard() ? now.top() : List.of(),
                summary(contest),
                contest.signupUrl());
    }

    private Live load(Contest contest) {
        long joined = contests.stats(contest.id()).totalParticipants();
        List<BoardRow> top = contest.experience().showLeaderboard()
                ? contests.leaderboard(contest.id(), TOP).entries().stream()
                        .map(ContestShowcase::row)
                        .toList()
                : List.of();
        return new Live(joined, top);
    }

    private static BoardRow row(LeaderboardEntry e) {
        return new BoardRow(e.rank(), e.displayName(), e.referrals(), e.points());
    }

    /** The line a shared link's card shows under the title. */
    private static String summary(Contest contest) {
        String prize = contest.experience().prize();
        return prize != null ? "Join and win: " + prize : "Join " + contest.name() + " and invite your friends.";
    }

    /** "3 days 4 hours left", "5 hours 12 minutes left", "12 minutes left", "less than a minute left". */
    static String remaining(Duration left) {
        long minutes = left.toMinutes();
        if (minutes < 1) {
            return "Less than a minute left";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return PageTexts.count(days, "day", "days")
                    + (hours > 0 ? " " + PageTexts.count(hours, "hour", "hours") : "") + " left";
        }
        if (hours > 0) {
            return PageTexts.count(hours, "hour", "hours")
                    + (mins > 0 ? " " + PageTexts.count(mins, "minute", "minutes") : "") + " left";
        }
        return PageTexts.count(mins, "minute", "minutes") + " left";
    }

    /** Black or white, whichever has the higher WCAG contrast ratio on this {@code #rrggbb}. */
    static String textOn(String hex) {
        double l = luminance(Integer.parseInt(hex.substring(1), 16));
        double onBlack = (l + 0.05) / 0.05;
        return contrastOnWhite(hex) >= onBlack ? "#ffffff" : "#000000";
    }

    /** The WCAG contrast ratio of white and this {@code #rrggbb}. */
    static double contrastOnWhite(String hex) {
        return 1.05 / (luminance(Integer.parseInt(hex.substring(1), 16)) + 0.05);
    }

    private static double luminance(int rgb) {
        return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) + 0.0722 * channel(rgb & 0xff);
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
