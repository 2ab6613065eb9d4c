package io.iabulk.intelligence.history;

import io.iabulk.IaBulkApplication;
import io.iabulk.intelligence.EngagementTimelines;
import io.iabulk.intelligence.models.ModelPredictor;
import io.iabulk.intelligence.models.ModelRegistry;
import io.iabulk.intelligence.models.TrainingJob;
import io.iabulk.intelligence.models.TrainingWorker;
import io.iabulk.intelligence.predictions.ScoringWorker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read of every active contact's timeline by {@code bench/intelligence/timelines.sh} (a main
 * program, not a test): the application's context without its web server, on a PostgreSQL schema
 * of its own, seeded once by set-based SQL with N contacts, each with K imported sends and one
 * send of ours (a third of them opened by a human), and a contest in which every tenth contact
 * takes part. Then {@link EngagementTimelines#forEachActive} is timed, run after run: the reading
 * that batch scoring and training do, alone.
 *
 * <p>Arguments: JDBC URL (with {@code currentSchema}), schema, contacts, imported sends per
 * contact, runs.
 */
public final class TimelinesBenchmark {

    private TimelinesBenchmark() {}

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        String schema = args[1];
        int contacts = Integer.parseInt(args[2]);
        int sends = Integer.parseInt(args[3]);
        int runs = Integer.parseInt(args[4]);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IaBulkApplication.class)
                // a web context on a free port: the console's beans need Spring MVC's conversion service
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "server.port", "0",
                        "spring.datasource.url", url,
                        "spring.datasource.username", "postgres",
                        "spring.flyway.schemas", schema,
                        "spring.flyway.create-schemas", "true",
                        "iabulk.intelligence.scoring.enabled", "false",
                        "iabulk.intelligence.training.enabled", "false",
                        "iabulk.platform.demo-data", "false",
                        "iabulk.platform.redis-key-prefix", "iabulk-bench-timelines:"))
                .run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            long present =
                    jdbc.sql("SELECT count(*) FROM contacts").query(Long.class).single();
            if (present == 0) {
                seed(jdbc, contacts, sends);
            }
            EngagementTimelines timelines = context.getBean(EngagementTimelines.class);
            for (int run = 1; run <= runs; run++) {
                AtomicLong read = new AtomicLong();
                AtomicLong pastSends = new AtomicLong();
                AtomicLong opened = new AtomicLong();
                long javaCpu = javaCpuNanos();
                long postgresTicks = postgresTicks(jdbc);
                long started = System.nanoTime();
                timelines.forEachActive(timeline -> {
                    read.incrementAndGet();
                    pastSends.addAndGet(timeline.sends().size());
                    timeline.sends().forEach(send -> {
                        if (send.openedAt() != null) {
                            opened.incrementAndGet();
                        }
                    });
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                double javaSeconds = (javaCpuNanos() - javaCpu) / 1e9;
                double postgresSeconds = (postgresTicks(jdbc) - postgresTicks) / 100.0;
                System.out.printf(
                        "run %d: %,d timelines (%,d sends, %,d opened) read in %.1f s (%,.0f contacts/s, %,.0f sends/s);"
                                + " CPU used: java %.1f s, its PostgreSQL backends %.1f s; load %s%n",
                        run,
                        read.get(),
                        pastSends.get(),
                        opened.get(),
                        seconds,
                        read.get() / seconds,
                        pastSends.get() / seconds,
                        javaSeconds,
                        postgresSeconds,
                        load());
            }
            if (args.length > 5 && "score".equals(args[5])) {
                trainAndScore(context, jdbc, runs);
            }
        }
    }

    /**
     * The whole batch scoring with a model, as production runs it: the trainer learns from these
     * timelines (a training job, as the API starts one), its model is made ACTIVE whatever its
     * metrics (the seeded sends are random: the rule might keep it CANDIDATE), and the scoring reads
     * every timeline from PostgreSQL, predicts the week of hours with the model and stores it, run
     * after run.
     */
    private static void trainAndScore(ConfigurableApplicationContext context, JdbcClient jdbc, int runs)
            throws InterruptedException {
        TrainingWorker training = context.getBean(TrainingWorker.class);
        long started = System.nanoTime();
        long id = training.start(TrainingJob.Trigger.MANUAL).job().id();
        TrainingJob job = training.job(id);
        while (job.running()) {
            Thread.sleep(500);
            job = training.job(id);
        }
        System.out.printf(
                "training job %d: %s in %.1f s, model %s%s%n",
                id,
                job.status(),
                (System.nanoTime() - started) / 1e9,
                job.modelId(),
                job.error() == null ? "" : " (" + job.error() + ")");
        if (job.modelId() == null) {
            return;
        }
        context.getBean(ModelRegistry.class).activate(job.modelId());
        context.getBean(ModelPredictor.class).refresh();
        ScoringWorker scoring = context.getBean(ScoringWorker.class);
        for (int run = 1; run <= runs; run++) {
            long javaCpu = javaCpuNanos();
            long postgresTicks = postgresTicks(jdbc);
            long begun = System.nanoTime();
            var outcome = scoring.runOnce("benchmark").orElseThrow();
            double seconds = (System.nanoTime() - begun) / 1e9;
            System.out.printf(
                    "scoring run %d with model %s (source %s): %,d contacts (failed %d) read, predicted and stored"
                            + " in %.1f s; CPU used: java %.1f s, its PostgreSQL backends %.1f s; load %s%n",
                    run,
                    outcome.modelId(),
                    outcome.source(),
                    outcome.contacts(),
                    outcome.failed(),
                    seconds,
                    (javaCpuNanos() - javaCpu) / 1e9,
                    (postgresTicks(jdbc) - postgresTicks) / 100.0,
                    load());
        }
    }

    /** CPU time of this JVM (all threads). */
    private static long javaCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU ticks (1/100 s) used so far by the PostgreSQL backends of this database (same machine:
     * their {@code /proc/<pid>/stat}); the pool's connections live through the run.
     */
    private static long postgresTicks(JdbcClient jdbc) {
        long ticks = 0;
        for (Integer pid : jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
                .query(Integer.class)
                .list()) {
            try {
                String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.toString(), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (java.io.IOException | RuntimeException e) {
                // a backend that ended: its ticks are lost
            }
        }
        return ticks;
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .substring(0, 14);
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void seed(JdbcClient jdbc, int contacts, int sends) {
        long started = System.nanoTime();
        jdbc.sql("""
                INSERT INTO contacts (email, email_normalized, status, created_at, updated_at, time_zone)
                SELECT 'p' || i || '@example' || (i % 50) || '.com', 'p' || i || '@example' || (i % 50) || '.com',
                       'ACTIVE', now() - interval '30 days', now() - interval '30 days',
                       (ARRAY['Europe/Paris', 'America/New_York', 'Asia/Tokyo', NULL])[i % 4 + 1]
                FROM generate_series(1, :n) i
                """).param("n", contacts).update();
        jdbc.sql("""
                INSERT INTO engagement_history (contact_id, message_id, sent_at, opened_at, opens, imported_at)
                SELECT c.id, 'm' || k, now() - (k * interval '20 days') + ((c.id * 3607) % 86400) * interval '1 second',
                       CASE WHEN (c.id + k) % 3 = 0
                            THEN now() - (k * interval '20 days') + ((c.id * 3607) % 86400 + 600) * interval '1 second'
                       END,
                       CASE WHEN (c.id + k) % 3 = 0 THEN 1 ELSE 0 END, now()
                FROM contacts c CROSS JOIN generate_series(1, :k) k
                """).param("k", sends).update();
        jdbc.sql("""
                INSERT INTO email_sends (campaign_id, contact_id, status, next_attempt_at, created_at, sent_at, opened_at)
                SELECT 1, id, 'SENT', now() - interval '2 days', now() - interval '2 days', now() - interval '2 days',
                       CASE WHEN id % 3 = 0 THEN now() - interval '47 hours' END
                FROM contacts
                """).update();
        jdbc.sql("""
                INSERT INTO contests (slug, name, status, points_per_signup, points_per_referral, require_confirmation,
                    milestones, created_at, updated_at)
                VALUES ('bench', 'Bench', 'ACTIVE', 0, 10, false, '[]', now(), now())
                """).update();
        jdbc.sql("""
                INSERT INTO contest_participants (contest_id, contact_id, email, email_normalized, referral_code, status,
                    referrals, points, confirmed_at, created_at)
                SELECT (SELECT id FROM contests WHERE slug = 'bench'), id, email, email_normalized, 'r' || id, 'CONFIRMED',
                       id % 4, 10 * (id % 4), now() - interval '10 days', now() - interval '10 days'
                FROM contacts WHERE id % 10 = 0
                """).update();
        jdbc.sql("ANALYZE").update();
        System.out.printf(
                "seeded %,d contacts with %d imported sends and 1 send of ours each in %.0f s%n",
                contacts, sends, (System.nanoTime() - started) / 1e9);
    }
}
