package io.iabulk.delivery.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Beta posteriors of per-variant success rates with a uniform prior: a variant with {@code s}
 * successes in {@code n} trials has Beta(1 + s, 1 + n - s). Draws from them (Thompson sampling)
 * and the probability that each variant has the highest rate. Pure arithmetic.
 */
public final class BetaPosteriors {

    /** Draws of the probability-best estimate: its standard error is below 0.004. */
    static final int DRAWS = 20_000;

    /** A fixed seed: the same counts always show the same probabilities. */
    private static final long SEED = 0x5eed_0023L;

    /**
     * Answers by counts: the answer depends on nothing else, and a list of campaigns asks again for
     * counts that have not moved (a finished campaign's never do).
     */
    private static final Cache<List<Long>, double[]> ANSWERS =
            Caffeine.newBuilder().maximumSize(10_000).build();

    private BetaPosteriors() {}

    /** One draw from Beta(1 + successes, 1 + trials - successes). */
    public static double draw(long successes, long trials, RandomGenerator random) {
        long s = Math.max(0, successes);
        long f = Math.max(0, trials - s);
        double x = gamma(1.0 + s, random);
        double y = gamma(1.0 + f, random);
        return x / (x + y);
    }

    /** The variant whose posterior draw is highest (the lowest index on a tie). */
    public static int thompson(long[] successes, long[] trials, RandomGenerator random) {
        int best = 0;
        double top = -1;
        for (int v = 0; v < successes.length; v++) {
            double p = draw(successes[v], trials[v], random);
            if (p > top) {
                top = p;
                best = v;
            }
        }
        return best;
    }

    /**
     * The probability that each variant has the highest true rate under the posteriors, by Monte
     * Carlo draws with a fixed seed (the same counts give the same answer); sums to 1.
     */
    public static double[] probabilityBest(long[] successes, long[] trials) {
        List<Long> key = new ArrayList<>(2 * successes.length);
        for (int v = 0; v < successes.length; v++) {
            key.add(successes[v]);
            key.add(trials[v]);
        }
        return ANSWERS.get(key, k -> estimate(successes, trials)).clone();
    }

    private static double[] estimate(long[] successes, long[] trials) {
        int k = successes.length;
        double[] best = new double[k];
        if (k == 0) {
            return best;
        }
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        for (int d = 0; d < DRAWS; d++) {
            best[thompson(successes, trials, random)]++;
        }
        for (int v = 0; v < k; v++) {
            best[v] /= DRAWS;
        }
        return best;
    }

    /** Gamma(shape, 1) for shape at least 1 (Marsaglia and Tsang, 2000). */
    static double gamma(double shape, RandomGenerator random) {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
