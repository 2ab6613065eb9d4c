package io.iabulk.intelligence.learning;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The log-odds a fitted booster gives a feature row, before calibration, computed in plain Java. */
sealed interface Margin permits TreeEnsemble, LinearMargin {

    double margin(float[] row, int offset);

    /**
     * This margin with the contact-level features of {@code row} (index {@code >= timeFeatures})
     * fixed: it then reads only the send-time features of the rows it is given.
     */
    Specialised specialise(float[] row, int offset, int timeFeatures);

    /**
     * As {@link #specialise(float[], int, int)}, writing into {@code previous} (one this margin
     * returned before, no longer used) when it can: a week of send times specialises once a day, and
     * reusing the arrays saves their allocation and growth.
     */
    default Specialised specialise(float[] row, int offset, int timeFeatures, Specialised previous) {
        return specialise(row, offset, timeFeatures);
    }

    /** A margin of the send-time features only (the rest fixed by {@link #specialise}). */
    interface Specialised {
        double margin(float[] row, int offset);
    }

    void write(DataOutputStream out) throws IOException;

    static Margin read(DataInputStream in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case TreeEnsemble.KIND -> TreeEnsemble.read(in);
            case LinearMargin.KIND -> LinearMargin.read(in);
            default -> throw new IOException("unknown margin kind " + kind);
        };
    }

    /** XGBoost's {@code base_score} of a binary:logistic model, a probability, as a margin. */
    static double baseMargin(tools.jackson.databind.JsonNode learner) {
        String text = learner.get("learner_model_param").get("base_score").asString();
        double p = Double.parseDouble(text.replace("[", "").replace("]", "").strip());
        return Math.log(p / (1 - p));
    }
}
