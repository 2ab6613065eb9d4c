package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.MessageService;
import io.iabulk.contacts.ContactId;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ParticipantContact;
import io.iabulk.contests.RankDigestSender;
import io.iabulk.contests.RankImprovement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues the "you moved up" digest ({@code contest-rank-digest}, a system template operators may
 * edit; docs/decisions/0027) for the participants the contests module found moving up, a batch at a
 * time, in the transaction that advances their rank snapshots. At most one a participant and UTC day:
 * each has to insert its {@code contest_mails} row (kind {@code RANK_DIGEST}, the day as detail)
 * first, so a batch that finds its rows taken queues nothing. The queue honours suppression (a
 * suppressed contact's message is recorded, never sent).
 */
@Component
class RankDigestMailer implements RankDigestSender {

    static final String KIND = "RANK_DIGEST";

    private final MessageService messages;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final SystemTemplates templates;
    private final String from;
    private final Clock clock;

    RankDigestMailer(
            MessageService messages,
            JdbcClient jdbc,
            JdbcTemplate template,
            SystemTemplates templates,
            ContestsProperties properties,
            Clock clock) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.template = template;
        this.templates = templates;
        this.from = properties.confirmation().from();
        this.clock = clock;
    }

    @Override
    @Transactional // joins the digest round's batch transaction
    public void send(Contest contest, Instant roundAt, List<RankImprovement> improvements) {
        String day = LocalDate.ofInstant(roundAt, ZoneOffset.UTC).toString();
        List<RankImprovement> claimed = claim(improvements, day);
        if (claimed.isEmpty()) {
            return;
        }
        List<MessageService.Queued> queued = new ArrayList<>(claimed.size());
        for (RankImprovement improvement : claimed) {
            queued.add(new MessageService.Queued(
                    new ContactId(improvement.participant().contactId()), context(contest, improvement)));
        }
        long[] sendIds = messages.queueAll(templates.id("contest-rank-digest"), queued);
        List<Object[]> sends = new ArrayList<>(claimed.size());
        for (int i = 0; i < sendIds.length; i++) {
            sends.add(new Object[] {sendIds[i], claimed.get(i).participant().participantId(), KIND, day});
        }
        template.batchUpdate(
                "UPDATE contest_mails SET send_id = ? WHERE participant_id = ? AND kind = ? AND detail = ?", sends);
    }

    /** The improvements whose row of the day this batch inserted (a row already there: mailed today). */
    private List<RankImprovement> claim(List<RankImprovement> improvements, String day) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<Object[]> rows = new ArrayList<>(improvements.size());
        for (RankImprovement improvement : improvements) {
            rows.add(new Object[] {improvement.participant().participantId(), KIND, day, now});
        }
        // the primary key (participant_id, kind, detail) keeps the first; each row's count says if it was
        int[] counts = template.batchUpdate("""
                INSERT INTO contest_mails (participant_id, kind, detail, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, rows);
        List<RankImprovement> claimed = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 1) {
                claimed.add(improvements.get(i));
            }
        }
        return claimed;
    }

    private Map<String, Object> context(Contest contest, RankImprovement improvement) {
        ParticipantContact participant = improvement.participant();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("contestName", contest.name());
        context.put("previousRank", improvement.previousRank());
        context.put("newRank", improvement.rank());
        context.put("placesUp", improvement.placesUp());
        context.put("referrals", participant.referrals());
        context.put("points", participant.points());
        context.put("referralUrl", participant.referralUrl());
        context.put("statusUrl", participant.statusUrl());
        context.put("$from", from);
        return context;
    }
}
