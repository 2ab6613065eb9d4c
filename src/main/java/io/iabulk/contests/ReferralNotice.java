package io.iabulk.contests;

import java.time.Instant;

/** A referral of a participant that has not (yet) counted, as shown on their status page. */
public record ReferralNotice(String refereeName, ReferralStatus status, ReferralReason reason, Instant createdAt) {}
