package io.iabulk.analytics;

/**
 * The event and rollup types the platform itself counts. Ingested events may not use these
 * prefixes ({@code email.}, {@code contest.}, {@code referral.}, {@code conversion}), so reports
 * cannot be forged through the ingestion API.
 */
public final class EventTypes {

    // delivery (rollups only: email_sends is their truth)
    /** A message the receiving server or provider accepted or hard-bounced (counted at its answer). */
    public static final String EMAIL_SENT = "email.sent";
    /** A message the receiving server or provider accepted. */
    public static final String EMAIL_DELIVERED = "email.delivered";
    /** A hard bounce, synchronous (5xx) or reported later by the provider. */
    public static final String EMAIL_BOUNCED = "email.bounced";
    /** A spam complaint reported by the provider. */
    public static final String EMAIL_COMPLAINED = "email.complained";

    // tracking (raw events and rollups)
    /** Every human open hit (raw event type of the pixel; rollup of all human opens). */
    public static final String EMAIL_OPEN = "email.open";
    /** Every human click hit. */
    public static final String EMAIL_CLICK = "email.click";
    /** Rollup only: the first human open of a send (unique opens). */
    public static final String EMAIL_OPENED = "email.opened";
    /** Rollup only: the first human click of a send (unique clicks). */
    public static final String EMAIL_CLICKED = "email.clicked";
    /** Rollup only: open hits judged machine traffic. */
    public static final String EMAIL_OPEN_MACHINE = "email.open.machine";
    /** Rollup only: click hits judged machine traffic. */
    public static final String EMAIL_CLICK_MACHINE = "email.click.machine";
    /** A contact unsubscribed through a message's link (only the change from subscribed counts). */
    public static final String EMAIL_UNSUBSCRIBED = "email.unsubscribed";
    /** Rollup only: the first conversion of a send (unique conversions). */
    public static final String EMAIL_CONVERTED = "email.converted";
    /** Every conversion; its value is summed per currency (the rollup dimension). */
    public static final String CONVERSION = "conversion";

    // contests (rollups only: the contest tables are their truth)
    public static final String CONTEST_SIGNUP = "contest.signup";
    public static final String CONTEST_CONFIRMED = "contest.confirmed";
    /** A participant's first credited referral (the funnel's "referred at least one"). */
    public static final String CONTEST_FIRST_REFERRAL = "contest.first_referral";
    /** Points awarded; the value holds the points. */
    public static final String CONTEST_POINTS = "contest.points";

    public static final String REFERRAL_CREDITED = "referral.credited";
    public static final String REFERRAL_FLAGGED = "referral.flagged";
    public static final String REFERRAL_REJECTED = "referral.rejected";

    private EventTypes() {}

    /** Whether a client may ingest events of this type. */
    public static boolean reserved(String type) {
        return type.startsWith("email.")
                || type.startsWith("contest.")
                || type.startsWith("referral.")
                || type.equals(CONVERSION);
    }
}
