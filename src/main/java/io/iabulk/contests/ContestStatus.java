package io.iabulk.contests;

/** The life of a contest: it takes signups only while {@link #ACTIVE} (and inside its window). */
public enum ContestStatus {
    DRAFT,
    ACTIVE,
    ENDED
}
