package io.iabulk.intelligence.learning;

import io.iabulk.contests.RiskSignal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A trained referral risk model (docs/decisions/0028): logistic regression on the signals'
 * strengths and the rules' score ({@link RiskRows}), giving the probability that an operator rejects
 * the referral. It answers only inside the range it learnt from: for a referral whose rules' score
 * is at least {@link #minRulesScore()}, the lowest among its training decisions (those were
 * referrals held for their risk); below it, it answers nothing and the rules decide. Immutable and
 * safe to share between threads; a score is a few multiplications.
 */
public final class RiskModel {

    public static final String ALGORITHM = "logistic-regression";

    static final int MAGIC = 0x49415252; // "IARR"
    static final int VERSION = 1;

    private final List<String> features;
    /** For each stored feature: the signal's ordinal, {@code SIGNALS.size()} for the rules' score, -1 unknown. */
    private final int[] source;

    private final double bias;
    private final double[] weights;
    private final double[] mean;
    private final double[] sd;
    private final double minRulesScore;

    RiskModel(List<String> features, double bias, double[] weights, double[] mean, double[] sd, double minRulesScore) {
        this.features = List.copyOf(features);
        this.bias = bias;
        this.weights = weights.clone();
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.minRulesScore = minRulesScore;
        this.source = new int[features.size()];
        List<String> known = RiskRows.names();
        for (int j = 0; j < source.length; j++) {
            // a signal this version no longer has reads as absent (0), not as an unreadable model
            source[j] = known.indexOf(features.get(j));
        }
    }

    public String algorithm() {
        return ALGORITHM;
    }

    /** The features' names in the order it reads them. */
    public List<String> features() {
        return features;
    }

    /** The lowest rules' score it scores; below it, the rules decide. */
    public double minRulesScore() {
        return minRulesScore;
    }

    /**
     * The probability that the referral is fake (an operator would reject it), from its live signal
     * strengths; empty when its rules' score is below {@link #minRulesScore()}.
     */
    public OptionalDouble score(Map<RiskSignal, Double> strengths) {
        return score(RiskRows.strengths(strengths));
    }

    OptionalDouble score(double[] strengths) {
        double rules = RiskRows.rulesScore(strengths);
        // a hair of slack: the same strengths rounded the same way give the same score
        if (rules < minRulesScore - 1e-9) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(probability(strengths, rules));
    }

    /** What answers a referral once this model is active: its probability, or the rules' score below its range. */
    double served(double[] strengths) {
        OptionalDouble p = score(strengths);
        return p.isPresent() ? p.getAsDouble() : RiskRows.rulesScore(strengths);
    }

    private double probability(double[] strengths, double rules) {
        double z = bias;
        for (int j = 0; j < weights.length; j++) {
            int from = source[j];
            double x = from < 0 ? 0 : from == strengths.length ? rules : strengths[from];
            // the same float rounding of the standardised value as the fitting saw
            z += weights[j] * (float) (((float) x - mean[j]) / sd[j]);
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The weights on the standardised features, by name, then the intercept: how it reads the signals. */
    public Map<String, Double> coefficients() {
        Map<String, Double> c = new LinkedHashMap<>();
        for (int j = 0; j < weights.length; j++) {
            c.put(features.get(j), weights[j]);
        }
        c.put("intercept", bias);
        return c;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeDouble(minRulesScore);
            out.writeDouble(bias);
            out.writeInt(features.size());
            for (int j = 0; j < features.size(); j++) {
                out.writeUTF(features.get(j));
                out.writeDouble(weights[j]);
                out.writeDouble(mean[j]);
                out.writeDouble(sd[j]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The model these bytes were written from.
     *
     * @throws IllegalArgumentException when they are not a referral risk model of a known version
     */
    public static RiskModel read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a referral risk model");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("referral risk model version " + version + " is unknown");
            }
            double minRulesScore = in.readDouble();
            double bias = in.readDouble();
            int n = in.readInt();
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException(n + " features");
            }
            List<String> features = new ArrayList<>(n);
            double[] weights = new double[n];
            double[] mean = new double[n];
            double[] sd = new double[n];
            for (int j = 0; j < n; j++) {
                features.add(in.readUTF());
                weights[j] = in.readDouble();
                mean[j] = in.readDouble();
                sd[j] = in.readDouble();
            }
            return new RiskModel(features, bias, weights, mean, sd, minRulesScore);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable referral risk model: " + e.getMessage(), e);
        }
    }
}
