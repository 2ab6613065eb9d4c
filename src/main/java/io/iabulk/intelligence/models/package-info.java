/**
 * The model registry, its training runs and the serving predictor (docs/decisions/0019, "Registry,
 * training runs and activation"): models trained by {@code learning} are stored with their metrics
 * and provenance, at most one of a kind is ACTIVE, and every instance serves the active one from a
 * cache it swaps without a restart.
 *
 * <p>A named interface: the console (dashboard) lists, trains and activates models through {@link
 * io.iabulk.intelligence.models.ModelRegistry} and {@link io.iabulk.intelligence.models.TrainingWorker},
 * as the API does.
 */
@org.springframework.modulith.NamedInterface("models")
package io.iabulk.intelligence.models;
