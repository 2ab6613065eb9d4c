package io.iabulk.contests;

/** The orders a list of contests can be read in (each ends on the id, so pages never overlap). */
public enum ContestSort {
    /** By creation: the id order. */
    CREATED,
    /** By name, then id. */
    NAME
}
