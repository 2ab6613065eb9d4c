package io.iabulk.intelligence.learning;

/**
 * What the features know of everyone, learned from the training part and frozen in the model: the
 * open and click rates of sends (within 72 h) and how opens spread over the local hours of the day
 * (smoothed like a contact's) and the days of the week. A contact's own figures are shrunk towards
 * these.
 *
 * @param openHourShare 24 shares summing to 1: the opens at each local hour
 * @param openDayShare 7 shares summing to 1, Monday first
 */
record PopulationStats(double open, double click, double[] openHourShare, double[] openDayShare) {

    static final PopulationStats PRIOR = new PopulationStats(0.2, 0.03, even(24), even(7));

    PopulationStats {
        if (openHourShare.length != 24 || openDayShare.length != 7) {
            throw new IllegalArgumentException("24 hour shares and 7 day shares");
        }
        openHourShare = openHourShare.clone();
        openDayShare = openDayShare.clone();
    }

    /** From counts: sends, opens and clicks within 72 h, and opens by local hour and day of the open. */
    static PopulationStats of(long sends, long opens, long clicks, long[] opensByHour, long[] opensByDay) {
        if (sends == 0 || opens == 0) {
            return PRIOR;
        }
        double[] hours = Features.smooth(toDouble(opensByHour), Features.HOUR_KERNEL_SHARE);
        double[] days = new double[7];
        long dayTotal = 0;
        for (long c : opensByDay) {
            dayTotal += c;
        }
        for (int d = 0; d < 7; d++) {
            // one open per day added, so that no day has a share of 0
            days[d] = (opensByDay[d] + 1.0) / (dayTotal + 7.0);
        }
        double hourTotal = 0;
        for (double h : hours) {
            hourTotal += h;
        }
        for (int h = 0; h < 24; h++) {
            hours[h] = (hours[h] + 1.0 / 24) / (hourTotal + 1);
        }
        return new PopulationStats(
                Math.clamp((double) opens / sends, 1e-4, 1 - 1e-4),
                Math.clamp((double) clicks / sends, 1e-4, 1 - 1e-4),
                hours,
                days);
    }

    private static double[] toDouble(long[] counts) {
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            values[i] = counts[i];
        }
        return values;
    }

    private static double[] even(int n) {
        double[] shares = new double[n];
        java.util.Arrays.fill(shares, 1.0 / n);
        return shares;
    }
}
