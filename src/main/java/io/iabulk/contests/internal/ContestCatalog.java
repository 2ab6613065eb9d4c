package io.iabulk.contests.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestChanges;
import io.iabulk.contests.ContestStatus;
import io.iabulk.contests.Milestone;
import io.iabulk.contests.NewContest;
import io.iabulk.contests.Slugs;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing and finding contests. Reads on the signup and status paths go through a
 * short-lived cache (one second), dropped locally on every change.
 */
@Component
public class ContestCatalog {

    private static final Pattern SLUG = Pattern.compile(Slugs.PATTERN);

    private final JdbcContestRepository contests;
    private final Clock clock;
    private final Cache<Long, Optional<Contest>> byId = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1))
            .build();

    private final Cache<String, Optional<Contest>> bySlug = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(1))
            .build();

    ContestCatalog(JdbcContestRepository contests, Clock clock) {
        this.contests = contests;
        this.clock = clock;
    }

    /** A contest, possibly up to a second old. */
    public Contest require(long id) {
        return cached(byId, id, contests::find).orElseThrow(() -> new NotFoundException("Contest", id));
    }

    /** A contest as stored right now. */
    public Contest requireFresh(long id) {
        return contests.find(id).orElseThrow(() -> new NotFoundException("Contest", id));
    }

    /**
     * A contest by its slug, possibly up to a second old (signup pages are read often). Text no
     * slug can be is neither looked up nor cached.
     */
    public Optional<Contest> findBySlug(String slug) {
        if (!Slugs.couldExist(slug)) {
            return Optional.empty();
        }
        return cached(bySlug, slug, contests::findBySlug);
    }

    /**
     * Loads a miss in the caller's thread, not under the cache's per-key lock ({@code Cache.get}):
     * a caller inside a transaction (a confirmation mail listener) holds a pooled connection while
     * it waits, so waiting for a loader that needs another connection deadlocks a busy pool.
     * Concurrent misses may load the same contest a few times; that is cheap.
     */
    private static <K> Optional<Contest> cached(
            Cache<K, Optional<Contest>> cache, K key, java.util.function.Function<K, Optional<Contest>> load) {
        Optional<Contest> contest = cache.getIfPresent(key);
        if (contest == null) {
            contest = load.apply(key);
            cache.put(key, contest);
        }
        return contest;
    }

    public List<Contest> list(ContestStatus status, Long beforeId, int limit) {
        return contests.list(status, beforeId == null ? Long.MAX_VALUE : beforeId, limit);
    }

    /** Active contests with a scheduled end still ahead, the soonest first. */
    public List<Contest> endingSoon(int limit) {
        return contests.endingAfter(clock.instant(), limit);
    }

    /** See {@link io.iabulk.contests.ContestService#search}. */
    public List<Contest> search(
            ContestStatus status,
            String text,
            io.iabulk.contests.ContestSort sort,
            boolean descending,
            Long afterId,
            Long beforeId,
            int limit) {
        boolean backwards = afterId == null && beforeId != null;
        List<Contest> page =
                contests.search(status, text, sort, descending, backwards ? beforeId : afterId, backwards, limit);
        return backwards ? page.reversed() : page;
    }

    @Transactional
    public Contest create(NewContest command) {
        List<Milestone> milestones = command.milestones() != null ? command.milestones() : List.of();
        JdbcContestRepository.Fields fields = new JdbcContestRepository.Fields(
                command.name().strip(),
                command.slug() != null ? command.slug() : freeSlug(Slugs.fromName(command.name())),
                command.startsAt(),
                command.endsAt(),
                command.pointsPerSignup() != null ? command.pointsPerSignup() : 0,
                command.pointsPerReferral() != null ? command.pointsPerReferral() : 10,
                command.requireConfirmation() != null ? command.requireConfirmation() : true,
                sorted(milestones),
                command.experience());
        validate(fields, 0);
        try {
            return requireFresh(contests.insert(fields, Instant.now(clock)));
        } catch (DuplicateKeyException e) {
            throw slugTaken(fields.slug());
        }
    }

    @Transactional
    public Contest update(long id, ContestChanges changes) {
        Contest current = requireFresh(id);
        List<FieldError> errors = new ArrayList<>();
        JdbcContestRepository.Fields fields = new JdbcContestRepository.Fields(
                required(changes.name(), current.name(), "name", errors),
                required(changes.slug(), current.slug(), "slug", errors),
                changes.startsAt() != null ? changes.startsAt().orElse(null) : current.startsAt(),
                changes.endsAt() != null ? changes.endsAt().orElse(null) : current.endsAt(),
                required(changes.pointsPerSignup(), current.pointsPerSignup(), "pointsPerSignup", errors),
                required(changes.pointsPerReferral(), current.pointsPerReferral(), "pointsPerReferral", errors),
                required(changes.requireConfirmation(), current.requireConfirmation(), "requireConfirmation", errors),
                sorted(changes.milestones() != null ? changes.milestones().orElse(List.of()) : current.milestones()),
                changes.applyTo(current.experience()));
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        validate(fields, id);
        try {
            contests.update(id, fields, Instant.now(clock));
        } catch (DuplicateKeyException e) {
            throw slugTaken(fields.slug());
        }
        forget(id);
        return requireFresh(id);
    }

    /** Moves a contest to a new status; asking for the status it has is a no-op. */
    @Transactional
    public Contest transition(long id, ContestStatus from, ContestStatus to) {
        Contest current = requireFresh(id);
        if (current.status() == to) {
            return current;
        }
        if (current.status() != from || !contests.transition(id, from, to, Instant.now(clock))) {
            throw new ConflictException(
                    "invalid-contest-transition",
                    "Contest " + id + " is " + current.status() + "; only a " + from + " contest can become " + to);
        }
        forget(id);
        return requireFresh(id);
    }

    /** Ends active contests whose scheduled end has passed. */
    public List<Long> endOverdue() {
        List<Long> ended = new ArrayList<>();
        Instant now = Instant.now(clock);
        for (Long id : contests.overdue(now)) {
            if (contests.transition(id, ContestStatus.ACTIVE, ContestStatus.ENDED, now)) {
                forget(id);
                ended.add(id);
            }
        }
        return ended;
    }

    /** Drops a changed contest from this instance's caches (others see it within a second). */
    private void forget(long id) {
        byId.invalidate(id);
        bySlug.invalidateAll();
    }

    private void validate(JdbcContestRepository.Fields f, long id) {
        List<FieldError> errors = new ArrayList<>();
        if (f.name().isBlank() || f.name().length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        } else if (!Texts.singleLine(f.name())) {
            errors.add(new FieldError("name", Texts.SINGLE_LINE_MESSAGE));
        }
        if (!SLUG.matcher(f.slug()).matches()) {
            errors.add(new FieldError("slug", Slugs.MESSAGE));
        }
        if (f.startsAt() != null && f.endsAt() != null && !f.endsAt().isAfter(f.startsAt())) {
            errors.add(new FieldError("endsAt", "must be after startsAt"));
        }
        if (f.pointsPerSignup() < 0 || f.pointsPerSignup() > 1_000_000) {
            errors.add(new FieldError("pointsPerSignup", "must be between 0 and 1000000"));
        }
        if (f.pointsPerReferral() < 0 || f.pointsPerReferral() > 1_000_000) {
            errors.add(new FieldError("pointsPerReferral", "must be between 0 and 1000000"));
        }
        errors.addAll(f.experience().problems());
        if (f.milestones().size() > 50) {
            errors.add(new FieldError("milestones", "must hold at most 50 milestones"));
        }
        HashSet<Integer> thresholds = new HashSet<>();
        for (int i = 0; i < f.milestones().size(); i++) {
            Milestone m = f.milestones().get(i);
            if (m == null
                    || m.referrals() == null
                    || m.referrals() < 1
                    || m.reward() == null
                    || m.reward().isBlank()) {
                errors.add(new FieldError("milestones[" + i + "]", "needs referrals >= 1 and a reward"));
            } else if (!thresholds.add(m.referrals())) {
                errors.add(new FieldError("milestones[" + i + "].referrals", "is used by another milestone"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (contests.slugTaken(f.slug(), id)) {
            throw slugTaken(f.slug());
        }
    }

    private String freeSlug(String base) {
        String slug = base;
        while (contests.slugTaken(slug, 0)) {
            slug = base + "-"
                    + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36, 36 * 36 * 36 * 36), 36);
        }
        return slug;
    }

    private static List<Milestone> sorted(List<Milestone> milestones) {
        if (milestones.stream().anyMatch(m -> m == null || m.referrals() == null)) {
            return milestones;
        }
        return milestones.stream()
                .sorted(Comparator.comparing(Milestone::referrals))
                .toList();
    }

    private static <T> T required(Optional<T> change, T current, String field, List<FieldError> errors) {
        if (change == null) {
            return current;
        }
        if (change.isEmpty()) {
            errors.add(new FieldError(field, "must not be null"));
            return current;
        }
        return change.get();
    }

    private static ConflictException slugTaken(String slug) {
        return new ConflictException(
                "slug-taken", "The slug '" + slug + "' is used by another contest; choose another");
    }
}
