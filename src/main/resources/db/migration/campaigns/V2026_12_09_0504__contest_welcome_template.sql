-- The optional welcome email of a contest (docs/decisions/0026), sent once a participant is
-- confirmed when the contest asks for it (welcome_email); operators may edit it like the others.
INSERT INTO templates (name, subject, html, text, version, created_at, updated_at, system_key)
VALUES (
    'Contest welcome',
    'Welcome to {{contestName}}: here is your link',
    '<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
<p>Hi {{default firstName "there"}},</p>
<p>You are in <strong>{{contestName}}</strong>. Every friend who joins through your link counts for you:</p>
<p><a href="{{referralUrl}}">{{referralUrl}}</a></p>
<p>See your place and your next reward on <a href="{{statusUrl}}">your page</a>.</p>
</body></html>',
    'Hi {{default firstName "there"}},

You are in {{contestName}}. Every friend who joins through your link counts for you:
{{referralUrl}}

See your place and your next reward on your page: {{statusUrl}}
',
    1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'contest-welcome');
