/**
 * Features, training, calibration and metrics of the engagement model (docs/decisions/0019). Plain
 * Java without Spring or SQL: the registry (its own package) stores what this trains and the
 * predictor serves it.
 */
package io.iabulk.intelligence.learning;
