-- Templates the platform itself sends from (the contest confirmation email). Operators may edit
-- them like any template; system_key finds them.
ALTER TABLE templates ADD COLUMN system_key VARCHAR(40);
CREATE UNIQUE INDEX templates_system_key ON templates (system_key);

INSERT INTO templates (name, subject, html, text, version, created_at, updated_at, system_key)
VALUES (
    'Contest confirmation',
    'Confirm your place in {{contestName}}',
    '<!doctype html><html lang="en"><body style="font-family:sans-serif;line-height:1.5">
<p>Hi {{default firstName "there"}},</p>
<p>Please confirm your email address to join <strong>{{contestName}}</strong>:</p>
<p><a href="{{confirmUrl}}">Confirm my email address</a></p>
<p>Once you have confirmed, every friend who joins through your link counts for you:<br>
<a href="{{referralUrl}}">{{referralUrl}}</a></p>
<p style="color:#555">If you did not sign up, ignore this email; nothing happens without a confirmation.</p>
</body></html>',
    'Hi {{default firstName "there"}},

Please confirm your email address to join {{contestName}}:
{{confirmUrl}}

Once you have confirmed, every friend who joins through your link counts for you:
{{referralUrl}}

If you did not sign up, ignore this email; nothing happens without a confirmation.
',
    1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'contest-confirmation');
