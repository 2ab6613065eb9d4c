package io.iabulk.intelligence.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** A choice among items with weights (they need not sum to 1). */
final class Weighted<T> {

    private final List<T> items;
    private final double[] cumulative;

    Weighted(Map<T, Double> weights) {
        this.items = new ArrayList<>(weights.keySet());
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < items.size(); i++) {
            double weight = weights.get(items.get(i));
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight for " + items.get(i));
            }
            sum += weight;
            cumulative[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("no positive weight among " + items);
        }
    }

    T pick(RandomGenerator random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return items.get(i);
            }
        }
        return items.getLast();
    }

    List<T> items() {
        return items;
    }
}
