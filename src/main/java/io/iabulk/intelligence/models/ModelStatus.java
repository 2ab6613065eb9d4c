package io.iabulk.intelligence.models;

/** Where a stored model stands: serving, kept for a deliberate activation, or replaced. */
public enum ModelStatus {
    /** The one model of its kind that answers predictions. */
    ACTIVE,
    /** Trained, but not activated: it did not beat the active model or the baseline. */
    CANDIDATE,
    /** Was active; another model replaced it (it can be activated again: a rollback). */
    RETIRED
}
