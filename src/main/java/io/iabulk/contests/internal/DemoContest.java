package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestChanges;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.Milestone;
import io.iabulk.contests.NewContest;
import io.iabulk.contests.SignupRequest;
import io.iabulk.contests.SignupResult;
import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.StartBanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start of an empty embedded installation, creates an active demo contest with a few
 * dozen participants and referrals, so the leaderboard and the pages have something to show. New
 * signups to it go through the full confirmation flow (emails land in the outbox).
 */
@Component
class DemoContest implements StartBanner {

    private static final Logger log = LoggerFactory.getLogger(DemoContest.class);
    static final String SLUG = "launch";
    private static final String[] FIRST = {
        "Ada", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Goran", "Hana", "Iker", "Jun", "Kofi", "Lena", "Mateo",
        "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe"
    };
    private static final String[] LAST = {"Lovelace", "Silva", "Wang", "Haddad", "Okafor", "Berg", "Novak", "Sato"};

    private final ContestCatalog contests;
    private final Signups signups;
    private final PlatformProperties platform;

    DemoContest(ContestCatalog contests, Signups signups, PlatformProperties platform) {
        this.contests = contests;
        this.signups = signups;
        this.platform = platform;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void onReady() {
        if (!platform.demoDataEnabled() || !contests.list(null, null, 1).isEmpty()) {
            return;
        }
        Optional<Contest> created = create();
        created.ifPresent(c -> log.info("Created the demo contest '{}': {}", c.name(), c.signupUrl()));
    }

    /** The demo contest's signup page, while the demo is on and its contest exists. */
    @Override
    public List<Line> lines() {
        if (!platform.demoDataEnabled()) {
            return List.of();
        }
        return contests.findBySlug(SLUG)
                .map(contest -> List.of(new Line("Demo contest", contest.signupUrl())))
                .orElse(List.of());
    }

    Optional<Contest> create() {
        Contest contest = contests.create(new NewContest(
                "IA Bulk launch waitlist",
                SLUG,
                null,
                null,
                1,
                10,
                false,
                List.of(
                        new Milestone(1, "Early access"),
                        new Milestone(3, "Founders' badge"),
                        new Milestone(10, "A year free"))));
        contest = contests.transition(contest.id(), ContestStatus.DRAFT, ContestStatus.ACTIVE);
        List<SignupResult> joined = new ArrayList<>();
        for (int i = 0; i < FIRST.length; i++) {
            // referrers are the earlier participants, the first ones more often: a realistic skew
            String code = i < 3 ? null : joined.get((i * 7) % Math.min(i, 6)).referralCode();
            String email = FIRST[i].toLowerCase() + "." + LAST[i % LAST.length].toLowerCase() + "@example.com";
            joined.add(signups.signUp(
                    contest, new SignupRequest(email, FIRST[i], LAST[i % LAST.length], code), "192.0." + i + ".1"));
        }
        // from now on people who join confirm their address first, as in a real contest
        return Optional.of(contests.update(
                contest.id(), new ContestChanges(null, null, null, null, null, null, Optional.of(true), null)));
    }
}
