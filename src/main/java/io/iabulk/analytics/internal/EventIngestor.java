package io.iabulk.analytics.internal;

import io.iabulk.analytics.AnalyticsEvent;
import io.iabulk.analytics.AnalyticsProperties;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.Granularity;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactService.ContactLookup;
import io.iabulk.contacts.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a batch of ingested events, stores the valid ones in one transaction and counts their
 * rollups after it commits. An invalid event is reported by index and never stops the others.
 */
@Component
public class EventIngestor {

    /** Dotted lower-case names: {@code purchase}, {@code app.screen_view}. */
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    static final int MAX_TYPE_LENGTH = 64;
    static final int MAX_ID_LENGTH = 64;

    /** An event that passed the checks that need no database; its contact may still be unknown. */
    private record Checked(int index, AnalyticsEvent event, EmailAddress email) {}

    /** A rollup key of the batch, counted once per batch. */
    private record CountKey(String type, long contestId, long campaignId, Instant minute) {}

    private final JdbcEventLog events;
    private final RollupCounter counter;
    private final ContactService contacts;
    private final AnalyticsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EventIngestor(
            JdbcEventLog events,
            RollupCounter counter,
            ContactService contacts,
            AnalyticsProperties properties,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.events = events;
        this.counter = counter;
        this.contacts = contacts;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Ingests a batch. {@code readErrors} are the events the reader already refused (wrong JSON
     * types); they are reported with the others.
     */
    public IngestResult ingest(List<IncomingEvent> batch, List<IngestResult.Error> readErrors) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // the days whose partitions surely exist: from the retention start to the day before the
        // last one made ahead (the hourly maintenance may not have made tomorrow's last one yet)
        Instant earliest = today.minusDays(properties.retention().toDays())
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Instant latest = today.plusDays(properties.partitionsAhead())
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();

        List<IngestResult.Error> errors = new ArrayList<>(readErrors);
        List<Checked> checked = new ArrayList<>(batch.size());
        Set<Long> contactIds = new HashSet<>();
        Set<EmailAddress> emails = new HashSet<>();
        for (IncomingEvent incoming : batch) {
            String problem = null;
            try {
                Checked ok = check(incoming, now, earliest, latest);
                checked.add(ok);
                if (ok.email() != null) {
                    emails.add(ok.email());
                } else {
                    contactIds.add(ok.event().contactId());
                }
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (problem != null) {
                errors.add(new IngestResult.Error(incoming.index(), problem));
            }
        }

        ContactLookup known =
                checked.isEmpty() ? new ContactLookup(Set.of(), Map.of()) : contacts.lookup(contactIds, emails);
        List<AnalyticsEvent> valid = new ArrayList<>(checked.size());
        for (Checked c : checked) {
            if (c.email() != null) {
                Long id = known.idOf(c.email());
                if (id == null) {
                    errors.add(new IngestResult.Error(c.index(), "email: no contact has this address"));
                } else {
                    valid.add(withContact(c.event(), id));
                }
            } else if (!known.existing().contains(c.event().contactId())) {
                errors.add(new IngestResult.Error(c.index(), "contactId: no contact has this id"));
            } else {
                valid.add(c.event());
            }
        }

        List<AnalyticsEvent> stored =
                valid.isEmpty() ? List.of() : transactions.execute(tx -> events.append(valid, now));
        count(stored);
        errors.sort(Comparator.comparingInt(IngestResult.Error::index));
        return new IngestResult(stored.size(), valid.size() - stored.size(), errors);
    }

    private Checked check(IncomingEvent in, Instant now, Instant earliest, Instant latest) {
        String type = in.type();
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("type: is required");
        }
        if (type.length() > MAX_TYPE_LENGTH || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("type: must be dotted lower-case words (a-z, 0-9, _), at most "
                    + MAX_TYPE_LENGTH + " characters, e.g. 'app.screen_view'");
        }
        if (EventTypes.reserved(type)) {
            throw new IllegalArgumentException(
                    "type: '" + type + "' is reserved for events the platform counts itself");
        }
        if ((in.contactId() == null) == (in.email() == null)) {
            throw new IllegalArgumentException("exactly one of contactId and email is required");
        }
        EmailAddress email = null;
        if (in.email() != null) {
            try {
                email = EmailAddress.parse(in.email());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("email: " + e.getMessage());
            }
        } else if (in.contactId() <= 0) {
            throw new IllegalArgumentException("contactId: must be positive");
        }
        if (in.contestId() != null && in.contestId() <= 0) {
            throw new IllegalArgumentException("contestId: must be positive");
        }
        if (in.campaignId() != null && in.campaignId() <= 0) {
            throw new IllegalArgumentException("campaignId: must be positive");
        }
        String eventId = in.eventId();
        if (eventId == null) {
            eventId = EventIds.next(now);
        } else if (eventId.isBlank() || eventId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("eventId: must be 1 to " + MAX_ID_LENGTH + " characters");
        }
        Instant occurredAt = now;
        if (in.occurredAt() != null) {
            try {
                occurredAt = Instant.parse(in.occurredAt());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "occurredAt: must be an ISO-8601 time with a zone, e.g. 2026-11-26T10:15:30Z");
            }
        }
        // the database keeps microseconds; truncate here so the minute counted is the one stored
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        if (occurredAt.isBefore(earliest) || !occurredAt.isBefore(latest)) {
            throw new IllegalArgumentException("occurredAt: must lie between " + earliest + " (the retention period)"
                    + " and " + latest + " (exclusive)");
        }
        if (in.properties() != null
                && utf8Length(in.properties())
                        > properties.ingest().maxPropertiesSize().toBytes()) {
            throw new IllegalArgumentException("properties: larger than "
                    + properties.ingest().maxPropertiesSize().toBytes() + " bytes as JSON");
        }
        AnalyticsEvent event = new AnalyticsEvent(
                eventId,
                type,
                occurredAt,
                in.contactId(),
                in.contestId(),
                in.campaignId(),
                null,
                null,
                in.properties());
        return new Checked(in.index(), event, email);
    }

    private void count(List<AnalyticsEvent> stored) {
        Map<CountKey, Long> counts = new HashMap<>();
        for (AnalyticsEvent event : stored) {
            CountKey key = new CountKey(
                    event.type(),
                    event.contestId() == null ? 0 : event.contestId(),
                    event.campaignId() == null ? 0 : event.campaignId(),
                    Granularity.MINUTE.bucketOf(event.occurredAt()));
            counts.merge(key, 1L, Long::sum);
        }
        counts.forEach(
                (key, n) -> counter.add(key.type(), key.contestId(), key.campaignId(), "", key.minute(), n, null));
    }

    private static AnalyticsEvent withContact(AnalyticsEvent event, long contactId) {
        return new AnalyticsEvent(
                event.eventId(),
                event.type(),
                event.occurredAt(),
                contactId,
                event.contestId(),
                event.campaignId(),
                event.sendId(),
                event.machine(),
                event.properties());
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
