package io.iabulk.intelligence.predictions;

import io.iabulk.campaigns.SendTimePlanner;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Stored;
import io.iabulk.intelligence.predictions.SendTimeGroups.Groups;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Send-time optimisation from the stored predictions (docs/decisions/0022). Each hour of the window
 * is scored, for each recipient, by
 *
 * <pre>
 * modelWeight × log P_model(open | hour) + groupWeight × log prior_group(hour) + Σ_opens log(floor + K(open − hour))
 * </pre>
 *
 * the active model's stored weekly profile (as the predictions API's {@code bestHours}), refined
 * by a kernel around the local hour of each of the person's past human opens and shrunk towards
 * when people like them open (same time zone and engagement tier; the time zone's, then the
 * population's in UTC when the group has too few opens, or the contact has no time zone). A person
 * with few opens thus gets the hour of people like them; one with many, their own. A contact
 * without a stored profile has only the prior and its opens. With no stored predictions at all
 * everyone is sent at the start. Per chunk: one query for the stored rows, one for the opens (and
 * delivery's own sends); no model runs here.
 */
@Component
class PredictedSendTimes implements SendTimePlanner {

    private final JdbcPredictionRepository repository;
    private final JdbcOpenTimes opens;
    private final SendTimeGroups groups;
    private final SendTimeProperties properties;

    PredictedSendTimes(
            JdbcPredictionRepository repository,
            JdbcOpenTimes opens,
            SendTimeGroups groups,
            SendTimeProperties properties) {
        this.repository = repository;
        this.opens = opens;
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
        List<Long> ids = Arrays.stream(contactIds).boxed().toList();
        Map<Long, Stored> stored = repository.find(ids);
        Map<Long, List<Instant>> opened = opens.of(ids);
        // the local hours of the window's hours, once per zone of the chunk (not per contact)
        Map<String, double[]> localHours = new java.util.HashMap<>();
        double[] utcHours = localHours(hours, ZoneOffset.UTC);
        for (int i = 0; i < contactIds.length; i++) {
            Stored s = stored.get(contactIds[i]);
            String zone = s == null ? SendTimeGroups.NO_ZONE : s.timeZone();
            double[] local = s == null ? null : g.local(zone, s.tier());
            double[] zoneHours = localHours.computeIfAbsent(zone, z -> localHours(hours, SendTimeGroups.zone(z)));
            best[i] = argmax(
                    hours,
                    local != null ? local : g.population(),
                    local != null ? zoneHours : utcHours,
                    SendTimeGroups.zone(zone),
                    zoneHours,
                    opened.getOrDefault(contactIds[i], List.of()),
                    s == null ? null : s.hours(),
                    s == null ? null : s.computedAt(),
                    properties);
        }
        return best;
    }

    /** The fractional local hour of the day of each hour's middle in {@code zone}. */
    static double[] localHours(List<Instant> hours, ZoneId zone) {
        double[] local = new double[hours.size()];
        for (int j = 0; j < local.length; j++) {
            local[j] = SendTimeGroups.hourOfDay(hours.get(j).plus(Duration.ofMinutes(30)), zone);
        }
        return local;
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
     * The hour with the highest score (see the class comment), each hour judged at its middle;
     * {@code prior} is read at the hour of the day in {@code priorZone}, the opens in the contact's
     * {@code zone}. Ties go to the earlier hour.
     */
    static Instant argmax(
            List<Instant> hours,
            double[] prior,
            ZoneId priorZone,
            ZoneId zone,
            List<Instant> opens,
            HourProfile person,
            Instant personWeek,
            SendTimeProperties p) {
        return argmax(
                hours,
                prior,
                localHours(hours, priorZone),
                zone,
                localHours(hours, zone),
                opens,
                person,
                personWeek,
                p);
    }

    /** As above, with the local hours of the window's hours in both zones already computed. */
    static Instant argmax(
            List<Instant> hours,
            double[] prior,
            double[] priorHours,
            ZoneId zone,
            double[] zoneHours,
            List<Instant> opens,
            HourProfile person,
            Instant personWeek,
            SendTimeProperties p) {
        double[] openHours = new double[opens.size()];
        for (int i = 0; i < openHours.length; i++) {
            openHours[i] = SendTimeGroups.hourOfDay(opens.get(i), zone);
        }
        Instant best = null;
        double top = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < hours.size(); j++) {
            Instant h = hours.get(j);
            double score = p.groupWeight() * Math.log(prior[(int) priorHours[j]]);
            double x = zoneHours[j];
            for (double o : openHours) {
                score += Math.log(p.openFloor() + SendTimeGroups.kernel(o - x, p.openHourWidth()));
            }
            if (person != null) {
                score += p.modelWeight() * Math.log(Math.max(person.open(slot(personWeek, h)), 1e-6));
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
