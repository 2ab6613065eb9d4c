package io.iabulk.dashboard.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Wording the participant pages share: moments and counts in plain English. */
final class PageTexts {

    // contests carry no time zone of their own, so moments are shown in UTC and say so
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern(
                    "d MMMM uuuu 'at' HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private PageTexts() {}

    /** "1 March 2027 at 09:00 UTC". */
    static String moment(Instant instant) {
        return MOMENT.format(instant);
    }

    /** "1 March 2027". */
    static String day(Instant instant) {
        return DAY.format(instant);
    }

    /** "1 referral", "3 referrals". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
