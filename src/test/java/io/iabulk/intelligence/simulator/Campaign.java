package io.iabulk.intelligence.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A past campaign of the previous mailer: when it went out, to whom, and how appealing it was.
 *
 * @param messageId the previous tool's id, the history file's {@code messageId}
 * @param timing how its send time was chosen: uniform, business, evening or drip (see the parameters)
 * @param startedAt when sending began; each recipient's send is uniform in the next {@code spread}
 * @param fraction the share of people drawn for a {@code RANDOM} audience
 * @param market the zone whose local time set the hour (and, for {@code REGIONAL}, the audience)
 */
record Campaign(
        String messageId,
        Instant startedAt,
        Duration spread,
        Audience audience,
        String timing,
        double fraction,
        ZoneId market,
        double openAppeal,
        double clickAppeal) {

    enum Audience {
        ALL,
        RANDOM,
        ENGAGED,
        REGIONAL
    }

    /** The campaigns of the history, in time order, all sent at least 72 h before its end. */
    static List<Campaign> plan(SimulatorParameters parameters, SplittableRandom random) {
        Instant start = parameters.instant("history.start");
        Duration drip = Duration.ofSeconds((long) (parameters.real("campaigns.dripDays") * 86400));
        // the last send of the last campaign is 72 h before the end: every outcome is known
        Instant last = parameters
                .instant("history.end")
                .minus(Duration.ofHours(72 + 24))
                .minus(drip);
        int count = parameters.integer("campaigns.count");
        double slotDays = Duration.between(start, last).toSeconds() / 86400.0 / count;
        var audiences = new Weighted<>(parameters.weights("campaigns.audience"));
        var timings = new Weighted<>(parameters.weights("campaigns.timing"));
        var markets = new Weighted<>(parameters.weights("campaigns.markets"));
        double weekdayShare = parameters.real("campaigns.weekdayShare");
        List<Campaign> campaigns = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            LocalDate day = LocalDate.ofInstant(start, ZoneOffset.UTC)
                    .plusDays((long) Math.floor((k + random.nextDouble()) * slotDays));
            boolean weekday = random.nextDouble() < weekdayShare;
            if (weekday && Person.isWeekend(day.getDayOfWeek())) {
                day = day.getDayOfWeek() == DayOfWeek.SATURDAY ? day.minusDays(1) : day.plusDays(1);
            } else if (!weekday && !Person.isWeekend(day.getDayOfWeek())) {
                day = day.plusDays(
                        DayOfWeek.SATURDAY.getValue() - day.getDayOfWeek().getValue());
            }
            Audience audience = Audience.valueOf(audiences.pick(random).toUpperCase(java.util.Locale.ROOT));
            String timing = audience == Audience.REGIONAL ? "business" : timings.pick(random);
            ZoneId market = ZoneId.of(markets.pick(random));
            double hour = switch (timing) {
                case "uniform" -> 24 * random.nextDouble();
                case "business" -> 9 + 2 * random.nextDouble();
                case "evening" -> 18 + 2 * random.nextDouble();
                case "drip" -> 0;
                default -> throw new IllegalArgumentException("unknown campaign timing " + timing);
            };
            ZoneId clock = timing.equals("uniform") || timing.equals("drip") ? ZoneOffset.UTC : market;
            Instant startedAt = ZonedDateTime.of(day, LocalTime.MIDNIGHT, clock)
                    .plusSeconds((long) (hour * 3600))
                    .toInstant();
            if (startedAt.isAfter(last)) {
                startedAt = last;
            }
            Duration spread = timing.equals("drip")
                    ? drip
                    : Duration.ofSeconds((long)
                            (60 + random.nextDouble() * (parameters.real("campaigns.spreadMinutesMax") - 1) * 60));
            campaigns.add(new Campaign(
                    "",
                    startedAt,
                    spread,
                    audience,
                    timing,
                    0.3 + 0.5 * random.nextDouble(),
                    market,
                    parameters.real("campaigns.openAppealSd") * random.nextGaussian(),
                    parameters.real("campaigns.clickAppealSd") * random.nextGaussian()));
        }
        campaigns.sort(java.util.Comparator.comparing(Campaign::startedAt));
        List<Campaign> numbered = new ArrayList<>();
        for (Campaign c : campaigns) {
            numbered.add(new Campaign(
                    "sim-c%03d".formatted(numbered.size() + 1),
                    c.startedAt(),
                    c.spread(),
                    c.audience(),
                    c.timing(),
                    c.fraction(),
                    c.market(),
                    c.openAppeal(),
                    c.clickAppeal()));
        }
        return numbered;
    }

    /** Whether a declared zone is within 3 h of the market's at the campaign's start (regional audience). */
    boolean inRegion(String declaredZone) {
        if (declaredZone == null) {
            return false;
        }
        int theirs = ZoneId.of(declaredZone).getRules().getOffset(startedAt).getTotalSeconds();
        int ours = market.getRules().getOffset(startedAt).getTotalSeconds();
        return Math.abs(theirs - ours) <= 3 * 3600;
    }
}
