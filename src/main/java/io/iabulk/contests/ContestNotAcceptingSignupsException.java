package io.iabulk.contests;

import io.iabulk.platform.ConflictException;

/** A signup arrived while the contest is not active or outside its window. */
public class ContestNotAcceptingSignupsException extends ConflictException {

    public ContestNotAcceptingSignupsException(Contest contest) {
        super(
                "contest-not-accepting-signups",
                "Contest " + contest.id() + " does not take signups now (status " + contest.status()
                        + (contest.startsAt() != null ? ", starts " + contest.startsAt() : "")
                        + (contest.endsAt() != null ? ", ends " + contest.endsAt() : "") + ")");
    }
}
