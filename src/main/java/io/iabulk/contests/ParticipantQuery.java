package io.iabulk.contests;

import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Texts;
import java.util.Locale;

/**
 * Which participants of a contest an operator looks for: the start of their address (case ignored)
 * or their exact referral code, and a status; either may be left out.
 *
 * @param text lower case, stripped; empty for every participant
 * @param status null for both statuses
 */
public record ParticipantQuery(String text, ParticipantStatus status) {

    /** The longest text searched: an address's length. */
    public static final int MAX_TEXT = 320;

    public ParticipantQuery {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The query as the admin API's parameters give it.
     *
     * @throws InvalidRequestException for a text that is too long or holds control characters, and
     *     for a status other than PENDING or CONFIRMED (case ignored)
     */
    public static ParticipantQuery parse(String q, String status) {
        if (q != null && q.length() > MAX_TEXT) {
            throw new InvalidRequestException("q", "at most " + MAX_TEXT + " characters");
        }
        if (!Texts.singleLine(q)) {
            throw new InvalidRequestException("q", Texts.SINGLE_LINE_MESSAGE);
        }
        ParticipantStatus wanted = status(status);
        if (wanted == null && status != null && !status.isBlank()) {
            throw new InvalidRequestException("status", "must be PENDING or CONFIRMED");
        }
        return new ParticipantQuery(q, wanted);
    }

    /** The status a parameter names (case ignored), or null when it names none. */
    public static ParticipantStatus status(String status) {
        if (status == null) {
            return null;
        }
        String wanted = status.strip().toUpperCase(Locale.ROOT);
        for (ParticipantStatus s : ParticipantStatus.values()) {
            if (s.name().equals(wanted)) {
                return s;
            }
        }
        return null;
    }

    /** Whether it filters at all. */
    public boolean filtered() {
        return !text.isEmpty() || status != null;
    }
}
