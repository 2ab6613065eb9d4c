package io.iabulk.intelligence.learning;

/**
 * Platt scaling: P = sigmoid(a × margin + b), fitted by Newton's method on held-out margins (the
 * calibration slice at the end of the training part), with the labels smoothed as Platt advises
 * so that a perfectly separated slice does not push the slope to infinity.
 */
record Platt(double a, double b) {

    static final Platt IDENTITY = new Platt(1, 0);

    double probability(double margin) {
        return 1 / (1 + Math.exp(-(a * margin + b)));
    }

    static Platt fit(double[] margin, boolean[] label) {
        int n = margin.length;
        long positives = 0;
        for (boolean y : label) {
            positives += y ? 1 : 0;
        }
        if (n == 0 || positives == 0 || positives == n) {
            return IDENTITY;
        }
        double hi = (positives + 1.0) / (positives + 2.0);
        double lo = 1.0 / (n - positives + 2.0);
        double a = 1;
        double b = 0;
        for (int iteration = 0; iteration < 50; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-9;
            double hab = 0;
            double hbb = 1e-9;
            for (int i = 0; i < n; i++) {
                double p = 1 / (1 + Math.exp(-(a * margin[i] + b)));
                double d = p - (label[i] ? hi : lo);
                double w = p * (1 - p);
                ga += d * margin[i];
                gb += d;
                haa += w * margin[i] * margin[i];
                hab += w * margin[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
                break;
            }
        }
        return new Platt(a, b);
    }
}
