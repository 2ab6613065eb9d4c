package io.iabulk.intelligence.predictions;

import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The lowest mean P(open) that had each engagement score (0 to 100) in a run: the run's population
 * in 101 numbers, so that a contact scored outside the run (created since) gets the score it would
 * have had in it.
 */
record ScoreFloors(double[] floors) {

    static final ScoreFloors NONE = new ScoreFloors(new double[0]);

    ScoreFloors {
        floors = floors.clone();
    }

    /** The highest score whose floor is at most {@code open}; 0 below every floor; null without a run. */
    Integer score(double open) {
        Integer score = null;
        for (int s = 0; s < floors.length; s++) {
            if (!Double.isNaN(floors[s])) {
                if (floors[s] <= open) {
                    score = s;
                } else if (score == null) {
                    score = 0;
                }
            }
        }
        return score;
    }

    String encode() {
        StringJoiner text = new StringJoiner(",");
        for (double floor : floors) {
            text.add(Double.isNaN(floor) ? "" : String.format(Locale.ROOT, "%.17g", floor));
        }
        return text.toString();
    }

    static ScoreFloors decode(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        String[] parts = text.split(",", -1);
        double[] floors = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            floors[i] = parts[i].isEmpty() ? Double.NaN : Double.parseDouble(parts[i]);
        }
        return new ScoreFloors(floors);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoreFloors f && Arrays.equals(f.floors, floors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(floors);
    }

    @Override
    public String toString() {
        return "ScoreFloors[" + encode() + "]";
    }
}
