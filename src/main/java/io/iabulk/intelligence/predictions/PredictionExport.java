package io.iabulk.intelligence.predictions;

import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.intelligence.ContactTimeline;
import io.iabulk.intelligence.EngagementPredictor;
import io.iabulk.intelligence.EngagementPredictor.SendProbabilities;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Run;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Scores;
import io.iabulk.intelligence.predictions.JdbcPredictionRepository.Stored;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Every active contact's predictions, streamed page by page (memory bounded by the page): the
 * active contacts come from the contacts module in keyset pages, their stored rows in one query per
 * page; a send time outside the stored week reads the timelines instead (docs/decisions/0019).
 */
@Component
class PredictionExport {

    private static final int EXPORT_PAGE = 1000;

    private final JdbcPredictionRepository repository;
    private final EngagementTimelines timelines;
    private final EngagementPredictor predictor;
    private final ContactService contacts;

    PredictionExport(
            JdbcPredictionRepository repository,
            EngagementTimelines timelines,
            EngagementPredictor predictor,
            ContactService contacts) {
        this.repository = repository;
        this.timelines = timelines;
        this.predictor = predictor;
        this.contacts = contacts;
    }

    /** Receives the export's rows; null cells for a contact without a prediction. */
    @FunctionalInterface
    interface ExportRows {
        void row(long contactId, String email, Double open, Double click, Integer score, Tier tier) throws IOException;
    }

    /**
     * Every active contact, in id order, streamed: without {@code at}, the stored scores (the means
     * over the week's hours); with an {@code at} inside the week of the last run, each contact's
     * stored slot; with any other {@code at}, computed from the timelines, page by page. Contacts
     * without stored scores have empty cells, except in the computed case.
     */
    void write(Instant at, ExportRows rows) throws IOException {
        if (at != null) {
            Optional<Run> run = repository.latestSucceeded();
            if (run.isEmpty() || HourProfile.slot(run.get().startedAt(), at) < 0) {
                exportComputed(at, rows);
                return;
            }
        }
        long after = 0;
        while (true) {
            List<Contact> page = contacts.list(after, ContactStatus.ACTIVE, null, EXPORT_PAGE);
            if (page.isEmpty()) {
                return;
            }
            List<Long> ids = page.stream().map(Contact::id).toList();
            if (at == null) {
                Map<Long, Scores> scores = repository.scores(ids);
                for (Contact contact : page) {
                    Scores s = scores.get(contact.id());
                    if (s == null) {
                        rows.row(contact.id(), contact.email(), null, null, null, null);
                    } else {
                        rows.row(contact.id(), contact.email(), s.open(), s.click(), s.score(), Tier.valueOf(s.tier()));
                    }
                }
            } else {
                Map<Long, Stored> stored = repository.find(ids);
                for (Contact contact : page) {
                    Stored s = stored.get(contact.id());
                    int slot = s == null ? -1 : HourProfile.slot(s.computedAt(), at);
                    if (slot < 0) {
                        rows.row(contact.id(), contact.email(), null, null, null, null);
                    } else {
                        rows.row(
                                contact.id(),
                                contact.email(),
                                Predictions.round(s.hours().open(slot)),
                                Predictions.round(s.hours().click(slot)),
                                s.score(),
                                s.tier() == null ? null : Tier.valueOf(s.tier()));
                    }
                }
            }
            after = ids.getLast();
        }
    }

    private void exportComputed(Instant at, ExportRows rows) throws IOException {
        List<ContactTimeline> page = new ArrayList<>(EXPORT_PAGE);
        // like every answer, for a send during the hour of at (predicted at its middle)
        List<Instant> times = List.of(HourProfile.sendTime(at, 0));
        try {
            timelines.forEachActive(timeline -> {
                page.add(timeline);
                if (page.size() == EXPORT_PAGE) {
                    writeComputed(page, times, rows);
                    page.clear();
                }
            });
            writeComputed(page, times, rows);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void writeComputed(List<ContactTimeline> page, List<Instant> times, ExportRows rows) {
        if (page.isEmpty()) {
            return;
        }
        Map<Long, Scores> scores =
                repository.scores(page.stream().map(ContactTimeline::contactId).toList());
        try {
            for (ContactTimeline timeline : page) {
                SendProbabilities p = predictor.predict(timeline, times).getFirst();
                Scores s = scores.get(timeline.contactId());
                Integer score = s != null ? Integer.valueOf(s.score()) : null;
                Tier tier = s != null ? Tier.valueOf(s.tier()) : null;
                rows.row(
                        timeline.contactId(),
                        timeline.email(),
                        Predictions.round(p.open()),
                        Predictions.round(p.click()),
                        score,
                        tier);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
