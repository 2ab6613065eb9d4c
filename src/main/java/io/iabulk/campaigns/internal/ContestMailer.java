package io.iabulk.campaigns.internal;

import io.iabulk.campaigns.MessageService;
import io.iabulk.contacts.ContactId;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.MilestoneReached;
import io.iabulk.contests.ParticipantConfirmed;
import io.iabulk.contests.ParticipantContact;
import io.iabulk.contests.ParticipantSignedUp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The emails a contest sends its participants besides the confirmation: the milestone email when a
 * reward unlocks ({@code contest-milestone}), and the optional welcome email once a participant is
 * confirmed ({@code contest-welcome}); both are system templates operators may edit. Each goes out
 * once per participant (and milestone): the row in {@code contest_mails} and the message are written
 * in one transaction, so a second delivery of an event (after a crash) queues nothing. The queue
 * honours the suppression list (a suppressed contact's message is recorded, never sent).
 */
@Component
class ContestMailer {

    private final MessageService messages;
    private final ContestService contests;
    private final JdbcClient jdbc;
    private final SystemTemplates templates;
    private final String from;
    private final Clock clock;

    ContestMailer(
            MessageService messages,
            ContestService contests,
            JdbcClient jdbc,
            SystemTemplates templates,
            ContestsProperties properties,
            Clock clock) {
        this.messages = messages;
        this.contests = contests;
        this.jdbc = jdbc;
        this.templates = templates;
        this.from = properties.confirmation().from();
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(MilestoneReached reached) {
        mail(
                reached.participantId(),
                "MILESTONE",
                Integer.toString(reached.referrals()),
                "contest-milestone",
                context -> {
                    context.put("milestoneReward", reached.reward());
                    context.put("milestoneReferrals", reached.referrals());
                });
    }

    @ApplicationModuleListener
    void on(ParticipantConfirmed confirmed) {
        welcome(confirmed.contestId(), confirmed.participantId());
    }

    /** A contest that asks for no confirmation confirms at signup, without a confirmation event. */
    // read when the event is stored: a signup that waits for its confirmation stores no publication here
    @ApplicationModuleListener(condition = "#root.args[0].confirmationToken() == null and !#root.args[0].resent()")
    void on(ParticipantSignedUp signup) {
        if (signup.confirmationToken() == null && !signup.resent()) {
            welcome(signup.contestId(), signup.participantId());
        }
    }

    private void welcome(long contestId, long participantId) {
        if (contests.get(contestId).experience().welcomeEmail()) {
            mail(participantId, "WELCOME", "-", "contest-welcome", context -> {});
        }
    }

    private void mail(
            long participantId,
            String kind,
            String detail,
            String template,
            java.util.function.Consumer<Map<String, Object>> extra) {
        Optional<ParticipantContact> found = contests.participantContact(participantId);
        if (found.isEmpty() || !claim(participantId, kind, detail)) {
            return;
        }
        ParticipantContact participant = found.get();
        Contest contest = contests.get(participant.contestId());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("contestName", contest.name());
        context.put("referralUrl", participant.referralUrl());
        context.put("statusUrl", participant.statusUrl());
        extra.accept(context);
        context.put("$from", from);
        long sendId = messages.queue(new ContactId(participant.contactId()), templates.id(template), context);
        jdbc.sql("""
                UPDATE contest_mails SET send_id = :send
                WHERE participant_id = :participant AND kind = :kind AND detail = :detail
                """)
                .param("send", sendId)
                .param("participant", participantId)
                .param("kind", kind)
                .param("detail", detail)
                .update();
    }

    /** The first delivery of an event inserts its row; later ones find it taken. */
    private boolean claim(long participantId, String kind, String detail) {
        return jdbc.sql("""
                        INSERT INTO contest_mails (participant_id, kind, detail, created_at)
                        VALUES (:participant, :kind, :detail, :now)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("participant", participantId)
                        .param("kind", kind)
                        .param("detail", detail)
                        .param("now", java.sql.Timestamp.from(Instant.now(clock)))
                        .update()
                == 1;
    }
}
