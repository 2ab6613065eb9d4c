package io.iabulk.intelligence.predictions;

import io.iabulk.campaigns.SendTimePlanner;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Stored;
import io.iabulk.intelligence.predictions.SendTimeGroups.Groups;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Send-time optimisation from the stored predictions (docs/decisions/0022): the hours of the
 * window are scored, for each recipient, by its stored weekly P(open) profile (the active model's,
 * as the predictions API's {@code bestHours}) shrunk towards the mean profile of people like it
 * (same time zone and engagement tier; the population for a contact without a time zone):
 * {@code (1 - w) log p_person(h) + w log p_group(h)}. A contact without a stored profile gets its
 * group's (the population's) best hour; with no stored predictions at all everyone is sent at the
 * start. One query per chunk (the chunk's stored rows by primary key); no model runs here.
 */
@Component
class PredictedSendTimes implements SendTimePlanner {

    private static final String NO_ZONE = "UTC";

    private final JdbcPredictionRepository repository;
    private final SendTimeGroups groups;
    private final SendTimeProperties properties;

    PredictedSendTimes(JdbcPredictionRepository repository, SendTimeGroups groups, SendTimeProperties properties) {
        this.repository = repository;
        this.groups = groups;
        this.properties = properties;
    }

    @Override
    public Instant[] bestHours(long[] contactIds, Instant start, int windowHours) {
        Instant[] best = new Instant[contactIds.length];
        Groups g = groups.current();
        if (g == null || contactIds.length == 0) {
            return best; // no model has stored predictions: everyone at the start
        }
        List<Instant> hours = hours(start, windowHours);
        Map<Long, Stored> stored =
                repository.find(Arrays.stream(contactIds).boxed().toList());
        Instant populationBest = argmax(hours, g.population(), g.weekStart(), null, null, 1.0);
        double w = properties.groupWeight();
        for (int i = 0; i < contactIds.length; i++) {
            Stored s = stored.get(contactIds[i]);
            if (s == null) {
                best[i] = populationBest;
                continue;
            }
            double[] group = NO_ZONE.equals(s.timeZone()) ? g.population() : g.of(s.timeZone(), s.tier());
            best[i] = argmax(hours, group, g.weekStart(), s.hours(), s.computedAt(), w);
        }
        return best;
    }

    /** The starts of the whole hours that overlap {@code [start, start + windowHours h)}. */
    static List<Instant> hours(Instant start, int windowHours) {
        Instant end = start.plus(Duration.ofHours(windowHours));
        List<Instant> hours = new ArrayList<>(windowHours + 1);
        for (Instant h = start.truncatedTo(ChronoUnit.HOURS); h.isBefore(end); h = h.plus(Duration.ofHours(1))) {
            hours.add(h);
        }
        return hours;
    }

    /**
     * The hour with the highest {@code (1 - w) log p_person + w log p_group}; the person's term is
     * left out when it has no profile. Ties go to the earlier hour.
     */
    static Instant argmax(
            List<Instant> hours, double[] group, Instant groupWeek, HourProfile person, Instant personWeek, double w) {
        Instant best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (Instant h : hours) {
            double score = w * Math.log(Math.max(group[slot(groupWeek, h)], 1e-9));
            if (person != null) {
                score += (1 - w) * Math.log(Math.max(person.open(slot(personWeek, h)), 1e-9));
            }
            if (score > top) {
                top = score;
                best = h;
            }
        }
        return best;
    }

    /** The slot of hour {@code h} in a week stored from {@code weekStart} (the week repeats). */
    private static int slot(Instant weekStart, Instant h) {
        long k = Duration.between(weekStart.truncatedTo(ChronoUnit.HOURS), h).toHours();
        return (int) Math.floorMod(k, (long) HourProfile.HOURS);
    }
}
