package io.iabulk.contests.internal;

import io.iabulk.contests.ParticipantQuery;
import io.iabulk.platform.NewestFirst;
import io.iabulk.platform.PrefixMatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An operator's search among a contest's participants: the start of the address (case ignored) or
 * the exact referral code, a status, newest first, keyset-paged on the primary key.
 *
 * <p>On PostgreSQL the address prefix is a range on {@code contest_participants_email_prefix}
 * ({@code contest_id, lower(email) text_pattern_ops}) and the code a lookup on its unique key, so a
 * rare prefix in a contest of a million is two index probes, once planned with its values. Names are not searched: they would need
 * two more indexes on the signup's hot insert, and an operator looks people up by the address they
 * wrote from (ADR 0030).
 */
@Repository
public class JdbcParticipantSearch {

    private final JdbcClient jdbc;
    private final PrefixMatch prefixes;

    JdbcParticipantSearch(JdbcClient jdbc, PrefixMatch prefixes) {
        this.jdbc = jdbc;
        this.prefixes = prefixes;
    }

    /**
     * A page of the contest's participants matching {@code query}, newest first: below {@code after}
     * (the next page), or just above {@code before} (the previous page, still returned newest first).
     */
    public List<ParticipantRow> search(long contestId, ParticipantQuery query, Long after, Long before, int limit) {
        // a search with text is planned with its values (PrefixMatch.planned); a plain page needs no more
        return query.text().isEmpty()
                ? page(contestId, query, after, before, limit)
                : prefixes.planned(() -> page(contestId, query, after, before, limit));
    }

    private List<ParticipantRow> page(long contestId, ParticipantQuery query, Long after, Long before, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("contestId", contestId);
        StringBuilder where = new StringBuilder("contest_id = :contestId");
        if (!query.text().isEmpty()) {
            where.append(" AND (")
                    .append(prefixes.condition("lower(email)", query.text(), "qe", params))
                    .append(" OR referral_code = :code)");
            params.put("code", query.text());
        }
        if (query.status() != null) {
            where.append(" AND status = :status");
            params.put("status", query.status().name());
        }
        return NewestFirst.page(
                where,
                params,
                after,
                before,
                limit,
                clause -> jdbc.sql(
                                "SELECT " + JdbcParticipantRepository.COLUMNS + " FROM contest_participants" + clause)
                        .params(params)
                        .query(JdbcParticipantRepository::map)
                        .list());
    }
}
