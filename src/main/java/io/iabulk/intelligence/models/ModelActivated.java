package io.iabulk.intelligence.models;

/**
 * A model became the active one of its kind (a training run's model that passed the activation
 * rule, or a deliberate activation), published on the instance that switched, after the commit.
 * Other instances see the switch by their periodic check of the active model.
 *
 * @param kind the kind of model
 * @param modelId the model now active
 * @param previousModelId the model it replaced (now RETIRED), or null when none was active
 */
public record ModelActivated(String kind, long modelId, Long previousModelId) {}
