-- The milestone email of a contest (docs/decisions/0026): a system template operators may edit like
-- the confirmation one, and the log of the contest mails queued, so that each goes out once per
-- participant and milestone even when its event is delivered twice (the listener inserts its row
-- and queues the message in one transaction; a second delivery finds the row and queues nothing).
INSERT INTO templates (name, subject, html, text, version, created_at, updated_at, system_key)
VALUES (
    'Contest milestone',
    'You unlocked {{milestoneReward}} in {{contestName}}',
    '<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
<p>Hi {{default firstName "there"}},</p>
<p>Well done: with {{milestoneReferrals}} friends who joined <strong>{{contestName}}</strong> through your link,
you have unlocked <strong>{{milestoneReward}}</strong>.</p>
<p>See where you stand and what comes next: <a href="{{statusUrl}}">your page</a></p>
<p>Keep sharing your link:<br><a href="{{referralUrl}}">{{referralUrl}}</a></p>
</body></html>',
    'Hi {{default firstName "there"}},

Well done: with {{milestoneReferrals}} friends who joined {{contestName}} through your link, you have
unlocked {{milestoneReward}}.

See where you stand and what comes next: {{statusUrl}}

Keep sharing your link:
{{referralUrl}}
',
    1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'contest-milestone');

CREATE TABLE contest_mails (
    participant_id BIGINT NOT NULL,
    kind           VARCHAR(20) NOT NULL,
    detail         VARCHAR(40) NOT NULL,
    send_id        BIGINT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (participant_id, kind, detail)
);
