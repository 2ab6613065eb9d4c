-- Loads @N@ participants into contest @CONTEST@ with set-based SQL (H2 in PostgreSQL mode).
-- run.sh replaces @N@ and @CONTEST@ and runs it with H2's RunScript while the application is
-- stopped. Same data as load-postgres.sql (see there for the referral code bijection).
INSERT INTO contacts (id, email, email_normalized, first_name, last_name, status, created_at, updated_at)
SELECT "X",
       'user' || "X" || '@example.com',
       'user' || "X" || '@example.com',
       CASE WHEN MOD("X", 10) < 7 THEN 'First' || MOD("X", 997) END,
       CASE WHEN MOD("X", 10) < 5 THEN 'Last' || MOD("X", 991) END,
       'ACTIVE',
       DATEADD(SECOND, -2 * "X", CURRENT_TIMESTAMP),
       DATEADD(SECOND, -2 * "X", CURRENT_TIMESTAMP)
FROM SYSTEM_RANGE(1, @N@);

INSERT INTO contest_participants (id, contest_id, contact_id, email, email_normalized, first_name, last_name,
    referral_code, referred_by, status, referrals, points, signup_ip, signup_network,
    confirm_token_hash, confirm_expires_at, confirm_sent_at, confirmed_at, created_at)
SELECT n, @CONTEST@, n,
       'user' || n || '@example.com',
       'user' || n || '@example.com',
       CASE WHEN MOD(n, 10) < 7 THEN 'First' || MOD(n, 997) END,
       CASE WHEN MOD(n, 10) < 5 THEN 'Last' || MOD(n, 991) END,
       SUBSTRING(a, CAST(MOD(x, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 31, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 961, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 29791, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 923521, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 28629151, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 887503681, 31) AS INT) + 1, 1)
           || SUBSTRING(a, CAST(MOD(x / 27512614111, 31) AS INT) + 1, 1),
       CASE WHEN n > 1000 THEN n / 7 END,
       CASE WHEN MOD(n, 20) = 0 THEN 'PENDING' ELSE 'CONFIRMED' END,
       r,
       r * 10 + MOD(n, 3) * 5,
       (1 + MOD(n, 223)) || '.' || MOD(n / 223, 256) || '.' || MOD(n / 57088, 256) || '.7',
       '4:' || (1 + MOD(n, 223)) || '.' || MOD(n / 223, 256) || '.' || MOD(n / 57088, 256) || './24',
       NULL, NULL, NULL,
       CASE WHEN MOD(n, 20) = 0 THEN NULL ELSE DATEADD(SECOND, -2 * n, CURRENT_TIMESTAMP) END,
       DATEADD(SECOND, -2 * n, CURRENT_TIMESTAMP)
FROM (
    SELECT "X" AS n,
           MOD("X" * 2654435761, 852891037441) AS x,
           '23456789abcdefghjkmnpqrstuvwxyz' AS a,
           CASE WHEN RAND() < 0.55 THEN 0 ELSE CAST(LEAST(50000, FLOOR(POWER(RAND(), -1.2))) AS INT) END AS r
    FROM SYSTEM_RANGE(1, @N@)
) g;

ALTER TABLE contacts ALTER COLUMN id RESTART WITH @N1@;
ALTER TABLE contest_participants ALTER COLUMN id RESTART WITH @N1@;
ANALYZE;
