package io.iabulk.contacts.internal;

import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.platform.NewestFirst;
import io.iabulk.platform.PrefixMatch;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The console's contact search: a prefix of the address, the first name or the last name (case
 * ignored), newest first, keyset-paged on the primary key. On PostgreSQL each prefix is a range on
 * the {@code text_pattern_ops} indexes of {@code lower(email)}, {@code lower(first_name)} and {@code
 * lower(last_name)} ({@link PrefixMatch}).
 */
@Repository
public class JdbcContactSearch {

    private static final String COLUMNS = """
            id, email, first_name, last_name, time_zone, locale, attributes, status, status_changed_at,
            created_at, updated_at""";

    private final JdbcClient jdbc;
    private final PrefixMatch prefixes;

    JdbcContactSearch(JdbcClient jdbc, PrefixMatch prefixes) {
        this.jdbc = jdbc;
        this.prefixes = prefixes;
    }

    /**
     * A page of contacts matching {@code query} (null or blank: all) and {@code status} (null: any),
     * newest first: below {@code after} (the next page), or just above {@code before} (the previous
     * page, still returned newest first).
     */
    public List<Contact> search(String query, ContactStatus status, Long after, Long before, int limit) {
        Map<String, Object> params = new java.util.HashMap<>();
        StringBuilder where = new StringBuilder("TRUE");
        String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            int space = text.indexOf(' ');
            if (text.contains("@")) {
                where.append(" AND ").append(prefixes.condition("lower(email)", text, "q", params));
            } else if (space > 0) {
                // "ada love": a first name and a last name, by the first-name index
                where.append(" AND ")
                        .append(prefixes.condition("lower(first_name)", text.substring(0, space), "qf", params))
                        .append(" AND ")
                        .append(prefixes.condition(
                                "lower(last_name)", text.substring(space + 1).strip(), "ql", params));
            } else {
                // three index ranges OR-ed (a BitmapOr), or a walk down the primary key when the prefix is common
                where.append(" AND (")
                        .append(prefixes.condition("lower(email)", text, "qe", params))
                        .append(" OR ")
                        .append(prefixes.condition("lower(first_name)", text, "qf", params))
                        .append(" OR ")
                        .append(prefixes.condition("lower(last_name)", text, "ql", params))
                        .append(")");
            }
        }
        if (status != null) {
            where.append(" AND status = :status");
            params.put("status", status.name());
        }
        Supplier<List<Contact>> read = () -> NewestFirst.page(
                where,
                params,
                after,
                before,
                limit,
                clause -> jdbc.sql("SELECT " + COLUMNS + " FROM contacts" + clause)
                        .params(params)
                        .query(JdbcContactEdits::contact)
                        .list());
        // a search with text is planned with its values (PrefixMatch.planned); a plain page needs no more
        return text.isEmpty() ? read.get() : prefixes.planned(read);
    }

    /**
     * The attribute names of the newest {@code sample} contacts, sorted: the names a form offers
     * (a walk down the primary key; reading every contact's attributes would scan the table).
     */
    public List<String> attributeNames(int sample) {
        TreeSet<String> names = new TreeSet<>();
        jdbc.sql("SELECT attributes FROM contacts ORDER BY id DESC LIMIT :sample")
                .param("sample", sample)
                .query(rs -> {
                    names.addAll(
                            JdbcContactRepository.attributes(rs.getString(1)).keySet());
                });
        return List.copyOf(names);
    }
}
