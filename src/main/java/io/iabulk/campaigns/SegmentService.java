package io.iabulk.campaigns;

import io.iabulk.campaigns.segments.CompiledFilter;
import io.iabulk.campaigns.segments.FilterCompiler;
import io.iabulk.campaigns.segments.JdbcSegmentRepository;
import io.iabulk.delivery.AudienceQuery;
import io.iabulk.platform.NotFoundException;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Segments: JSON filters over contacts, validated when stored and compiled to parameterised SQL
 * when used; and the audiences of campaigns as SQL (segment, contest, all).
 *
 * <p>A filter is a condition or a group {@code {"all": [...]}} / {@code {"any": [...]}} (nested up
 * to 5 deep, 100 conditions). A condition is {@code {"field", "op", "value"}} (plus {@code
 * contestId} for contest fields):
 *
 * <ul>
 *   <li>{@code status}: eq, neq, in (ACTIVE, UNSUBSCRIBED, BOUNCED, COMPLAINED, ERASED)
 *   <li>{@code email}: eq, domain, contains
 *   <li>{@code firstName}, {@code lastName}, {@code locale}, {@code timeZone}, {@code
 *       attributes.<name>}: eq, neq, in, contains, exists (value true/false, default true); case
 *       is ignored, and neq matches contacts without a value too
 *   <li>{@code createdAt}: before, after (a date or an instant), within (days)
 *   <li>{@code contest}: participant, confirmed (value false negates)
 *   <li>{@code contest.referrals}, {@code contest.points}: eq, gte, lte, gt, lt
 *   <li>{@code lastSentAt}, {@code lastOpenedAt}, {@code lastClickedAt}: before, after, within
 *       (days), never
 * </ul>
 */
@Service
public class SegmentService {

    private static final String SELECT = "SELECT c.id AS id, c.status AS status FROM contacts c";

    private final JdbcSegmentRepository segments;
    private final FilterCompiler compiler;
    private final Clock clock;

    SegmentService(JdbcSegmentRepository segments, FilterCompiler compiler, Clock clock) {
        this.segments = segments;
        this.compiler = compiler;
        this.clock = clock;
    }

    /**
     * Stores a segment whose filter compiles.
     *
     * @throws io.iabulk.platform.InvalidRequestException naming the JSON path of every bad node of
     *     the filter; nothing is stored
     */
    public Segment create(NewSegment segment) {
        compiler.compile(segment.filter());
        return get(segments.insert(segment.name(), segment.filter().toString(), clock.instant()));
    }

    /**
     * Replaces a segment's name and filter, checked as {@link #create} checks them. Campaigns that
     * already snapshotted their audience keep it; the others send to the segment as it is when they
     * start.
     *
     * @throws io.iabulk.platform.InvalidRequestException as {@link #create}; nothing is changed
     */
    public Segment update(long id, NewSegment segment) {
        compiler.compile(segment.filter());
        if (!segments.update(id, segment.name(), segment.filter().toString())) {
            throw new NotFoundException("Segment", id);
        }
        return get(id);
    }

    /** Segments, newest first, below the id {@code before} (null: from the newest). */
    public java.util.List<Segment> list(Long before, int limit) {
        return segments.list(before, limit);
    }

    /**
     * The fields a condition can test, with their operators: those of the filter language above,
     * then those other modules answer ({@code predictions.*}).
     */
    public java.util.List<SegmentField> fields() {
        return compiler.fields();
    }

    public Segment get(long id) {
        return segments.find(id).orElseThrow(() -> new NotFoundException("Segment", id));
    }

    /**
     * How many contacts match the segment now. Nothing is excluded: suppressed contacts count too
     * unless the filter says otherwise (a campaign's snapshot skips them and counts them apart).
     */
    @Transactional(readOnly = true)
    public long count(long id) {
        return segments.count(compiler.compile(get(id).filter()));
    }

    /** The contacts of a segment as an audience query (ids and statuses of matching contacts). */
    public AudienceQuery audience(long segmentId) {
        CompiledFilter filter = compiler.compile(get(segmentId).filter());
        return new AudienceQuery(SELECT + " WHERE " + filter.where(), filter.params());
    }

    /**
     * The participants of a contest who confirmed their address, as an audience query. Unconfirmed
     * participants never proved the address is theirs, so they are not mailed by campaigns.
     */
    public AudienceQuery contestAudience(long contestId) {
        // the (contest_id, contact_id) index of contest_participants answers each probe
        return new AudienceQuery(
                SELECT
                        + " WHERE EXISTS (SELECT 1 FROM contest_participants p WHERE p.contest_id = :audienceContest"
                        + " AND p.contact_id = c.id AND p.status = 'CONFIRMED')",
                Map.of("audienceContest", contestId));
    }

    /** Every contact, as an audience query. */
    public AudienceQuery allAudience() {
        return new AudienceQuery(SELECT, Map.of());
    }

    /**
     * Checks a filter as {@link #create} does, without storing or counting anything.
     *
     * @throws io.iabulk.platform.InvalidRequestException naming the JSON path of every bad node
     */
    public void check(JsonNode filter) {
        compiler.compile(filter);
    }

    /** Validates and compiles a filter without storing it (a preview of a segment to be). */
    public long countFilter(JsonNode filter) {
        return segments.count(compiler.compile(filter));
    }
}
