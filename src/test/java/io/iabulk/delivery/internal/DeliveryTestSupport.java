package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.contacts.ContactProfile;
import io.iabulk.contacts.ContactService;
import io.iabulk.delivery.AudienceQuery;
import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.MessageRenderer;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.RenderResult;
import io.iabulk.delivery.SendProgress;
import io.iabulk.delivery.SnapshotChunk;
import io.iabulk.delivery.transport.MimeMessages;
import io.iabulk.delivery.transport.TransportConfiguration;
import io.iabulk.support.IntegrationTest;
import io.iabulk.support.ScriptedSmtpServer;
import io.iabulk.support.ServicesExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The delivery engine's tests share one context: no background workers (each test runs its own
 * pools), short backoffs and breaker waits, and a renderer that addresses each send to its
 * contact and names the send in a header. The context works in a schema of its own: other test
 * contexts of the JVM run delivery workers that would otherwise claim these tests' sends.
 */
@IntegrationTest
@Import(DeliveryTestSupport.Rendering.class)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:postgresql://localhost:5432/test?currentSchema=${iabulk.test.delivery-schema}",
            "spring.flyway.schemas=${iabulk.test.delivery-schema}",
            "iabulk.delivery.workers=0",
            "iabulk.delivery.retry.initial-backoff=300ms",
            "iabulk.delivery.retry.max-backoff=1s",
            "iabulk.delivery.domain-pause=300ms",
            "iabulk.delivery.breaker.wait-in-open=1s",
            "iabulk.delivery.breaker.minimum-calls=2",
            "iabulk.delivery.poll.interval=20ms",
            "iabulk.delivery.poll.max-interval=100ms",
            "iabulk.delivery.commit.interval=20ms",
            "iabulk.delivery.reaper-interval=1h"
        })
abstract class DeliveryTestSupport {

    static final String SEND_HEADER = "X-IABulk-Send";

    static {
        // it_<pid>_<millis + 1>: the shape ServicesExtension cleans up after a crashed run
        String shared = ServicesExtension.SCHEMA;
        int cut = shared.lastIndexOf('_') + 1;
        String schema = shared.substring(0, cut) + (Long.parseLong(shared.substring(cut)) + 1);
        System.setProperty("iabulk.test.delivery-schema", schema);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var connection = java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://localhost:5432/test", "postgres", "");
                    var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (java.sql.SQLException e) {
                System.err.println("Could not drop test schema " + schema + ": " + e.getMessage());
            }
        }));
    }

    private static final AtomicLong CAMPAIGNS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1_000);

    @Autowired
    DeliveryService delivery;

    @Autowired
    DeliveryWorkers workers;

    @Autowired
    MessageRenderer renderer;

    @Autowired
    MimeMessages messages;

    @Autowired
    DeliveryProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeaseReaper reaper;

    @Autowired
    JdbcSendQueue queue;

    private final List<DeliveryWorker> started = new ArrayList<>();

    @TestConfiguration(proxyBeanMethods = false)
    static class Rendering {

        /** Primary: the campaigns module's renderer may be in the context too. */
        @Bean
        @Primary
        MessageRenderer testRenderer(ContactService contacts) {
            return sends -> {
                Map<Long, ContactProfile> profiles =
                        contacts.profiles(sends.stream().map(s -> s.contactId()).toList());
                List<RenderResult> results = new ArrayList<>();
                for (var send : sends) {
                    ContactProfile profile = profiles.get(send.contactId());
                    if (profile == null) {
                        results.add(new RenderResult.Failed("no contact " + send.contactId()));
                    } else if (!profile.status().mailable()) {
                        results.add(new RenderResult.Suppressed(profile.status().name()));
                    } else {
                        results.add(new RenderResult.Rendered(new OutgoingMail(
                                profile.email(),
                                "IA Bulk <no-reply@iabulk.test>",
                                "Send " + send.sendId() + " variant " + send.variant(),
                                "Hello, this is send " + send.sendId() + ".",
                                null,
                                Map.of(SEND_HEADER, Long.toString(send.sendId())))));
                    }
                }
                return results;
            };
        }
    }

    /** Contacts of one test: ids {@code lo..hi}, addresses {@code c<i>-<tag>@example.com}. */
    record Contacts(long lo, long hi, String tag) {

        String email(long id) {
            return "c" + (id - lo + 1) + "-" + tag + "@example.com";
        }

        AudienceQuery audience() {
            return new AudienceQuery(
                    "SELECT id, status FROM contacts WHERE id BETWEEN :lo AND :hi", Map.of("lo", lo, "hi", hi));
        }

        int size() {
            return (int) (hi - lo + 1);
        }
    }

    Contacts contacts(int n) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO contacts (email, email_normalized, status, created_at, updated_at)
                SELECT 'c' || g || '-' || :tag || '@example.com', 'c' || g || '-' || :tag || '@example.com',
                       'ACTIVE', now(), now()
                FROM generate_series(1, :n) g ORDER BY g
                """).param("tag", tag).param("n", n).update();
        long[] range = jdbc.sql("SELECT MIN(id), MAX(id) FROM contacts WHERE email_normalized LIKE :pattern")
                .param("pattern", "%-" + tag + "@example.com")
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        assertThat(range[1] - range[0] + 1).isEqualTo(n);
        return new Contacts(range[0], range[1], tag);
    }

    void setContactStatus(long contactId, String status) {
        jdbc.sql("UPDATE contacts SET status = :status WHERE id = :id")
                .param("status", status)
                .param("id", contactId)
                .update();
    }

    String contactStatus(long contactId) {
        return jdbc.sql("SELECT status FROM contacts WHERE id = :id")
                .param("id", contactId)
                .query(String.class)
                .single();
    }

    long newCampaign() {
        return CAMPAIGNS.incrementAndGet();
    }

    /** A campaign with the whole audience snapshotted and active. */
    long startedCampaign(Contacts contacts) {
        long campaign = newCampaign();
        long after = 0;
        while (true) {
            SnapshotChunk chunk = delivery.snapshot(campaign, contacts.audience(), 1, after, 500);
            after = chunk.lastContactId();
            if (chunk.done()) {
                break;
            }
        }
        delivery.activate(campaign, null);
        return campaign;
    }

    MailTransport transportTo(ScriptedSmtpServer server) {
        MailProperties mail = new MailProperties();
        mail.setHost("127.0.0.1");
        mail.setPort(server.port());
        mail.getProperties().put("mail.smtp.connectiontimeout", "3000");
        mail.getProperties().put("mail.smtp.timeout", "5000");
        return TransportConfiguration.smtp(mail, properties.smtp(), messages);
    }

    DeliveryWorker pool(String instanceId, MailTransport transport) {
        return workers.create(instanceId, renderer, transport);
    }

    DeliveryWorker startPool(String instanceId, MailTransport transport, int threads) {
        DeliveryWorker worker = pool(instanceId, transport);
        worker.start(threads);
        started.add(worker);
        return worker;
    }

    /** Steps a pool on the test's thread until the campaign is settled. */
    SendProgress drain(DeliveryWorker worker, long campaign, Duration timeout) {
        return settled(campaign, timeout, worker::runOnce);
    }

    /** Waits (pools running) until the campaign is settled. */
    SendProgress awaitSettled(long campaign, Duration timeout) {
        return settled(campaign, timeout, () -> {});
    }

    private SendProgress settled(long campaign, Duration timeout, Runnable step) {
        return await("campaign " + campaign + " settles")
                .atMost(timeout)
                .pollInSameThread()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            step.run();
                            return delivery.progress(campaign);
                        },
                        SendProgress::settled);
    }

    Map<String, Long> rowCounts(long campaign) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("SELECT status, COUNT(*) FROM email_sends WHERE campaign_id = :c GROUP BY status")
                .param("c", campaign)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** The exact counts equal the rows (plus audience members suppressed without a row). */
    void assertCountsMatchRows(long campaign, long suppressedWithoutRow) {
        Map<String, Long> rows = rowCounts(campaign);
        SendProgress progress = delivery.progress(campaign);
        assertThat(progress.queued()).isEqualTo(rows.getOrDefault("QUEUED", 0L) + rows.getOrDefault("UNKNOWN", 0L));
        assertThat(progress.sending()).isEqualTo(rows.getOrDefault("SENDING", 0L));
        assertThat(progress.sent()).isEqualTo(rows.getOrDefault("SENT", 0L));
        assertThat(progress.failed()).isEqualTo(rows.getOrDefault("FAILED", 0L));
        assertThat(progress.bounced()).isEqualTo(rows.getOrDefault("BOUNCED", 0L));
        assertThat(progress.cancelled()).isEqualTo(rows.getOrDefault("CANCELLED", 0L));
        assertThat(progress.suppressed()).isEqualTo(rows.getOrDefault("SUPPRESSED", 0L) + suppressedWithoutRow);
        long duplicated = jdbc.sql("SELECT COUNT(*) FROM email_sends WHERE campaign_id = :c AND possibly_duplicated")
                .param("c", campaign)
                .query(Long.class)
                .single();
        assertThat(progress.possiblyDuplicated()).isEqualTo(duplicated);
        assertThat(progress.total())
                .isEqualTo(rows.values().stream().mapToLong(Long::longValue).sum() + suppressedWithoutRow);
    }

    @AfterEach
    void stopPoolsAndQuiesce() {
        started.forEach(DeliveryWorker::stop);
        started.clear();
        // nothing a test leaves behind may be claimed by the next one
        jdbc.sql("UPDATE send_campaigns SET active = FALSE").update();
        jdbc.sql(
                        "UPDATE email_sends SET status = 'CANCELLED' WHERE campaign_id IS NULL AND status IN ('QUEUED', 'UNKNOWN')")
                .update();
    }
}
