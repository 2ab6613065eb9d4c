package io.iabulk.intelligence.simulator;

import io.iabulk.intelligence.simulator.Person.DomainClass;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A reference for "the best a model can do with this history": the posterior mean of a person's
 * P(open) at a future send under the simulator's own generative model, given only whether each
 * past send was opened. Importance sampling: a shared pool of people drawn from the prior (per
 * domain class, which an address reveals) is weighted by the likelihood of the person's opens.
 *
 * <p>It knows what a model could learn well from the whole population (the world's parameters, each
 * campaign's appeal, the person's signup date, domain class and declared time zone, trusted as often
 * as the world makes it right) and ignores what a model could use besides (when opens happened,
 * clicks). So it is a yardstick, neither a bound above nor below what a model can reach.
 */
final class PosteriorOracle {

    /** One past send as the oracle sees it. */
    record Observation(Instant sentAt, boolean opened, int recentSends, double appeal) {}

    private final Person.World world;
    private final Map<DomainClass, List<Person>> pools = new EnumMap<>(DomainClass.class);
    private final double trustDeclared;
    private final long start;

    PosteriorOracle(
            SimulatorParameters parameters, Population population, Person.World world, SplittableRandom random) {
        this.world = world;
        this.start = parameters.instant("history.start").getEpochSecond(); // the drift's day 0
        int particles = parameters.integer("oracle.particles");
        double missing = parameters.real("population.missingTimeZoneShare");
        double wrong = parameters.real("population.wrongTimeZoneShare");
        // P(true zone = declared | a zone is declared), ignoring that a wrong zone is rarely a given one
        this.trustDeclared = (1 - missing - wrong) / (1 - missing);
        for (DomainClass c : List.of(DomainClass.WEBMAIL, DomainClass.CORPORATE, DomainClass.EDU)) {
            pools.put(c, new ArrayList<>());
        }
        // local ISP and webmail people share one prior: draw until each class has its particles
        int index = 0;
        while (pools.values().stream().anyMatch(pool -> pool.size() < particles) && particles > 0) {
            Person p = population.draw(--index, random.split());
            DomainClass c = p.domainClass() == DomainClass.LOCAL_ISP ? DomainClass.WEBMAIL : p.domainClass();
            if (pools.get(c).size() < particles) {
                pools.get(c).add(p);
            }
        }
        pools.put(DomainClass.LOCAL_ISP, pools.get(DomainClass.WEBMAIL));
    }

    boolean enabled() {
        return !pools.get(DomainClass.WEBMAIL).isEmpty();
    }

    /**
     * The posterior mean P(open) of a send at each of {@code future} (an average campaign), after
     * {@code recentAtFuture[j]} sends in the 72 h before it.
     */
    double[] predict(Person person, List<Observation> history, List<Instant> future, int[] recentAtFuture) {
        List<Person> pool = pools.get(person.domainClass());
        int n = history.size();
        int f = future.size();
        Instant[] times = new Instant[n + f];
        for (int k = 0; k < n; k++) {
            times[k] = history.get(k).sentAt();
        }
        for (int j = 0; j < f; j++) {
            times[n + j] = future.get(j);
        }
        double[] days = new double[n + f];
        for (int k = 0; k < n + f; k++) {
            days[k] = (times[k].getEpochSecond() - start) / 86400.0;
        }
        double[] honeymoon = new double[n + f];
        for (int k = 0; k < n + f; k++) {
            if (person.newlyJoined() && times[k].isAfter(person.joinedAt())) {
                double joined = Duration.between(person.joinedAt(), times[k]).toSeconds() / 86400.0;
                honeymoon[k] = world.honeymoonLogit() * Math.exp(-joined / world.honeymoonDays());
            }
        }
        Map<ZoneId, double[][]> local = new HashMap<>(); // zone -> {hour of day, weekend 0/1} per time
        double[] logWeights = new double[pool.size()];
        double[][] predictions = new double[f][pool.size()];
        double best = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < pool.size(); m++) {
            Person particle = pool.get(m);
            ZoneId zone = person.declaredZone() != null && coin(person.index(), m) < trustDeclared
                    ? ZoneId.of(person.declaredZone())
                    : particle.trueZone();
            double[][] clock = local.computeIfAbsent(zone, z -> clock(z, times));
            // the likelihood as a product (one log per particle, not one per send), renormalised
            // before it could underflow
            double logLikelihood = 0;
            double product = 1;
            for (int k = 0; k < n; k++) {
                Observation o = history.get(k);
                double logit = logit(particle, days, clock, k, honeymoon[k])
                        + world.fatiguePerRecentSend() * o.recentSends()
                        + o.appeal();
                product /= 1 + Math.exp(o.opened() ? -logit : logit); // × P(what happened)
                if (product < 1e-200) {
                    logLikelihood += Math.log(product);
                    product = 1;
                }
            }
            logLikelihood += Math.log(product);
            logWeights[m] = logLikelihood;
            best = Math.max(best, logLikelihood);
            for (int j = 0; j < f; j++) {
                predictions[j][m] = Person.sigmoid(logit(particle, days, clock, n + j, honeymoon[n + j])
                        + world.fatiguePerRecentSend() * recentAtFuture[j]);
            }
        }
        double weights = 0;
        double[] sums = new double[f];
        for (int m = 0; m < pool.size(); m++) {
            double w = Math.exp(logWeights[m] - best);
            weights += w;
            for (int j = 0; j < f; j++) {
                sums[j] += w * predictions[j][m];
            }
        }
        for (int j = 0; j < f; j++) {
            sums[j] /= weights;
        }
        return sums;
    }

    /**
     * The particle's open logit at time k: {@code days[k]} days after the drift's start, with the
     * person's honeymoon and local clock (the same arithmetic as {@link Person#openLogit}, unrolled).
     */
    private double logit(Person particle, double[] days, double[][] clock, int k, double honeymoon) {
        float[] drift = particle.drift();
        double day = days[k];
        int i = (int) day;
        double d = day <= 0
                ? drift[0]
                : i >= drift.length - 1
                        ? drift[drift.length - 1]
                        : drift[i] * (1 - (day - i)) + drift[i + 1] * (day - i);
        double logit = particle.level() + d + honeymoon;
        if (particle.dormantAt() != null) {
            double since = day - (particle.dormantAt().getEpochSecond() - start) / 86400.0;
            if (since > 0) {
                logit -= particle.dormancyDrop() * Math.min(1, since / world.dormancyRampDays());
            }
        }
        boolean weekend = clock[1][k] > 0;
        double bump = particle.bump(clock[0][k], particle.peak(weekend));
        return logit
                + particle.amplitude() * (bump - particle.meanBump()) / (1 - particle.meanBump())
                + (weekend ? particle.weekendEffect() : 0);
    }

    private static double[][] clock(ZoneId zone, Instant[] times) {
        double[][] clock = new double[2][times.length];
        for (int k = 0; k < times.length; k++) {
            ZonedDateTime local = times[k].atZone(zone);
            clock[0][k] = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
            clock[1][k] = Person.isWeekend(local.getDayOfWeek()) ? 1 : 0;
        }
        return clock;
    }

    /** A fixed uniform number per (person, particle), so a run is deterministic. */
    private static double coin(int person, int particle) {
        long z = person * 0x9E3779B97F4A7C15L + particle * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
