package io.iabulk.campaigns;

/**
 * Who receives a campaign: exactly one of a segment, a contest's participants, or every contact.
 * Suppressed contacts are always left out (and counted).
 */
public record Audience(Long segmentId, Long contestId, Boolean all) {

    public enum Kind {
        SEGMENT,
        CONTEST,
        ALL
    }

    /** The kind, or null when not exactly one of the three is given. */
    public Kind kind() {
        int given = (segmentId != null ? 1 : 0) + (contestId != null ? 1 : 0) + (Boolean.TRUE.equals(all) ? 1 : 0);
        if (given != 1) {
            return null;
        }
        return segmentId != null ? Kind.SEGMENT : contestId != null ? Kind.CONTEST : Kind.ALL;
    }

    public static Audience of(Kind kind, Long id) {
        return switch (kind) {
            case SEGMENT -> new Audience(id, null, null);
            case CONTEST -> new Audience(null, id, null);
            case ALL -> new Audience(null, null, true);
        };
    }

    /** The segment or contest id, null for all. */
    public Long id() {
        return segmentId != null ? segmentId : contestId;
    }
}
