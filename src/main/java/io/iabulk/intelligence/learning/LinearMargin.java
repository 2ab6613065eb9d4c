package io.iabulk.intelligence.learning;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Logistic regression on standardised features: {@code bias + Σ w_j (x_j − mean_j) / sd_j}, the
 * weights fitted by {@link LogisticRegression} on the standardised rows.
 */
final class LinearMargin implements Margin {

    static final byte KIND = 2;

    private final double base;
    private final double[] weights;
    private final double[] mean;
    private final double[] sd;

    LinearMargin(double base, double[] weights, double[] mean, double[] sd) {
        this.base = base;
        this.weights = weights;
        this.mean = mean;
        this.sd = sd;
    }

    /** Standardises a row in place, as the fitted weights expect. */
    static void standardise(float[] row, int offset, double[] mean, double[] sd) {
        for (int j = 0; j < mean.length; j++) {
            row[offset + j] = (float) ((row[offset + j] - mean[j]) / sd[j]);
        }
    }

    @Override
    public double margin(float[] row, int offset) {
        double sum = base;
        for (int j = 0; j < weights.length; j++) {
            // the same float rounding of the standardised value as the fitting saw
            sum += weights[j] * (float) ((row[offset + j] - mean[j]) / sd[j]);
        }
        return sum;
    }

    @Override
    public Specialised specialise(float[] row, int offset, int timeFeatures) {
        double constant = base;
        for (int j = timeFeatures; j < weights.length; j++) {
            constant += weights[j] * (float) ((row[offset + j] - mean[j]) / sd[j]);
        }
        double fixed = constant;
        return (r, o) -> {
            double sum = fixed;
            for (int j = 0; j < timeFeatures; j++) {
                sum += weights[j] * (float) ((r[o + j] - mean[j]) / sd[j]);
            }
            return sum;
        };
    }

    @Override
    public void write(DataOutputStream out) throws IOException {
        out.writeByte(KIND);
        out.writeDouble(base);
        out.writeInt(weights.length);
        for (int j = 0; j < weights.length; j++) {
            out.writeDouble(weights[j]);
            out.writeDouble(mean[j]);
            out.writeDouble(sd[j]);
        }
    }

    static LinearMargin read(DataInputStream in) throws IOException {
        double base = in.readDouble();
        int n = in.readInt();
        if (n != Features.COUNT) {
            throw new IOException(n + " weights for " + Features.COUNT + " features");
        }
        double[] weights = new double[n];
        double[] mean = new double[n];
        double[] sd = new double[n];
        for (int j = 0; j < n; j++) {
            weights[j] = in.readDouble();
            mean[j] = in.readDouble();
            sd[j] = in.readDouble();
        }
        return new LinearMargin(base, weights, mean, sd);
    }
}
