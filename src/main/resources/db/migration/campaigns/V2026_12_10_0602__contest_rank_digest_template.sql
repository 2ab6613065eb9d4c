-- The "you moved up" digest of a contest (docs/decisions/0027), sent at most once a day to a
-- confirmed participant whose leaderboard rank improved, when the contest asks for it (rank_digest).
-- A system template operators may edit like the others. contest_mails keeps one RANK_DIGEST row per
-- participant and day (detail = the UTC date of the round), so a round run again queues nothing twice.
INSERT INTO templates (name, subject, html, text, version, created_at, updated_at, system_key)
VALUES (
    'Contest rank digest',
    'You moved up to #{{newRank}} in {{contestName}}',
    '<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
<p>Hi {{default firstName "there"}},</p>
<p>Good news: you climbed from #{{previousRank}} to <strong>#{{newRank}}</strong> in
<strong>{{contestName}}</strong>. Friends who joined through your link so far: {{referrals}}.</p>
<p>Keep sharing your link to climb further:<br><a href="{{referralUrl}}">{{referralUrl}}</a></p>
<p>See where you stand: <a href="{{statusUrl}}">your page</a></p>
<p style="font-size:12px;color:#555">We write at most once a day, only when you have moved up.
<a href="{{unsubscribeUrl}}">Unsubscribe</a></p>
</body></html>',
    'Hi {{default firstName "there"}},

Good news: you climbed from #{{previousRank}} to #{{newRank}} in {{contestName}}.
Friends who joined through your link so far: {{referrals}}.

Keep sharing your link to climb further:
{{referralUrl}}

See where you stand: {{statusUrl}}

We write at most once a day, only when you have moved up. Unsubscribe: {{unsubscribeUrl}}
',
    1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'contest-rank-digest');
