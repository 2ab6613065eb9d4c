package io.iabulk.tracking.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurstWindowsTest {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void everyLinkWithinTheWindowIsABurstOfAllItsClicks() {
        List<HeldClick> clicks = List.of(click(0, 3, 0), click(1, 3, 400), click(0, 3, 900), click(2, 3, 2000));

        List<BurstWindows.Window> windows = BurstWindows.complete(clicks, WINDOW, T.plusSeconds(5));

        assertThat(windows).singleElement().satisfies(window -> {
            assertThat(window.burst()).isTrue();
            assertThat(window.clicks()).hasSize(4);
        });
    }

    @Test
    void someLinksOnlyAreHumanAndALaterClickStartsAWindowOfItsOwn() {
        List<HeldClick> clicks = List.of(click(0, 3, 0), click(1, 3, 1500), click(2, 3, 2001), click(0, 3, 2500));

        List<BurstWindows.Window> windows = BurstWindows.complete(clicks, WINDOW, T.plusSeconds(10));

        assertThat(windows).extracting(BurstWindows.Window::burst).containsExactly(false, false);
        assertThat(windows.get(0).clicks()).hasSize(2);
        assertThat(windows.get(1).clicks()).hasSize(2);
    }

    @Test
    void aWindowStillOpenIsNotJudged() {
        List<HeldClick> clicks = List.of(click(0, 2, 0), click(1, 2, 3000));

        List<BurstWindows.Window> windows = BurstWindows.complete(clicks, WINDOW, T.plusMillis(4000));

        assertThat(windows)
                .singleElement()
                .satisfies(window -> assertThat(window.clicks()).containsExactly(clicks.get(0)));
        assertThat(BurstWindows.complete(clicks, WINDOW, T.plusMillis(1999))).isEmpty();
    }

    @Test
    void aMessageWithOneLinkIsNeverABurst() {
        assertThat(BurstWindows.complete(List.of(click(0, 1, 0)), WINDOW, T.plusSeconds(5)))
                .singleElement()
                .satisfies(window -> assertThat(window.burst()).isFalse());
    }

    private static HeldClick click(int link, int links, long millis) {
        return new HeldClick(
                "e" + link + "-" + millis, 1L, 7L, link, links, "https://x/" + link, T.plusMillis(millis), null);
    }
}
