package io.iabulk.intelligence.learning;

/** Reads a stored model back (the registry's bytes), whatever its algorithm. */
public final class EngagementModels {

    private EngagementModels() {}

    /**
     * The model these bytes were written from by {@link EngagementModel#toBytes()}.
     *
     * @throws IllegalArgumentException when they are not such a model (corrupt, unknown version)
     */
    public static EngagementModel read(byte[] bytes) {
        return TrainedEngagementModel.read(bytes);
    }
}
