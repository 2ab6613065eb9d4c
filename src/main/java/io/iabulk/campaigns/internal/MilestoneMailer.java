package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.MessageService;
import io.iabulk.contacts.ContactId;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.MilestoneReached;
import io.iabulk.contests.ParticipantContact;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Queues the milestone email when a participant unlocks a reward, from the {@code
 * contest-milestone} system template (operators may edit it). Once per participant and milestone:
 * the row in {@code contest_mails} and the message are written in one transaction, so a second
 * delivery of the event (after a crash) queues nothing. The queue honours the suppression list (a
 * suppressed contact's message is recorded, never sent).
 */
@Component
class MilestoneMailer {

    private final MessageService messages;
    private final ContestService contests;
    private final JdbcClient jdbc;
    private final String from;
    private final Clock clock;

    MilestoneMailer(
            MessageService messages,
            ContestService contests,
            JdbcClient jdbc,
            ContestsProperties properties,
            Clock clock) {
        this.messages = messages;
        this.contests = contests;
        this.jdbc = jdbc;
        this.from = properties.confirmation().from();
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(MilestoneReached reached) {
        Optional<ParticipantContact> found = contests.participantContact(reached.participantId());
        if (found.isEmpty() || !claim(reached)) {
            return;
        }
        ParticipantContact participant = found.get();
        Contest contest = contests.get(reached.contestId());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("contestName", contest.name());
        context.put("milestoneReward", reached.reward());
        context.put("milestoneReferrals", reached.referrals());
        context.put("referralUrl", participant.referralUrl());
        context.put("statusUrl", participant.statusUrl());
        context.put("$from", from);
        long sendId = messages.queue(new ContactId(participant.contactId()), template(), context);
        jdbc.sql("""
                UPDATE contest_mails SET send_id = :send
                WHERE participant_id = :participant AND kind = 'MILESTONE' AND detail = :detail
                """)
                .param("send", sendId)
                .param("participant", reached.participantId())
                .param("detail", Integer.toString(reached.referrals()))
                .update();
    }

    /** The first delivery of this milestone's event inserts its row; later ones find it taken. */
    private boolean claim(MilestoneReached reached) {
        return jdbc.sql("""
                        INSERT INTO contest_mails (participant_id, kind, detail, created_at)
                        VALUES (:participant, 'MILESTONE', :detail, :now)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("participant", reached.participantId())
                        .param("detail", Integer.toString(reached.referrals()))
                        .param("now", java.sql.Timestamp.from(Instant.now(clock)))
                        .update()
                == 1;
    }

    private long template() {
        // templates_system_key index
        return jdbc.sql("SELECT id FROM templates WHERE system_key = 'contest-milestone'")
                .query(Long.class)
                .single();
    }
}
