package io.iabulk.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.analytics.AnalyticsService;
import io.iabulk.analytics.EventTypes;
import io.iabulk.analytics.RollupTotal;
import io.iabulk.support.Api;
import io.iabulk.support.CampaignTestData;
import io.iabulk.support.HttpTest;
import io.iabulk.tracking.internal.ClickJudgeWorker;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The open pixel and click redirects over real HTTP, recorded in PostgreSQL: raw events, machine
 * traffic, first-open and first-click marks, rollups and top links.
 */
class TrackingHitsTest extends HttpTest {

    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final HttpClient RAW =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TrackingLinks links;

    @Autowired
    TrackingService tracking;

    @Autowired
    AnalyticsService analytics;

    @Autowired
    ClickJudgeWorker judge;

    private long campaign;

    @BeforeEach
    void newCampaign() {
        campaign = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
    }

    @Test
    void thePixelIsANeverCachedGifAndThreeHitsMakeOneUniqueOpen() throws Exception {
        long send = send(Instant.now().minusSeconds(3600));
        String pixel = openPath(send);

        HttpResponse<byte[]> first = RAW.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + pixel))
                        .header("User-Agent", BROWSER)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store, max-age=0");
        assertThat(first.body()).hasSize(43);
        assertThat(new String(first.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("GIF89a");
        Instant opened = openedAt(send);
        assertThat(opened)
                .as("the first open is marked before the pixel is answered")
                .isNotNull();
        assertThat(hit(pixel, BROWSER, null).status()).isEqualTo(200);
        assertThat(hit(pixel, BROWSER, null).status()).isEqualTo(200);

        assertThat(openedAt(send)).isEqualTo(opened);
        assertThat(events(send, EventTypes.EMAIL_OPEN))
                .hasSize(3)
                .allSatisfy(machine -> assertThat(machine).isEqualTo("-"));
        assertThat(jdbc.sql("SELECT properties FROM analytics_events WHERE send_id = :send LIMIT 1")
                        .param("send", send)
                        .query(String.class)
                        .single())
                .contains("\"ua\"", "Chrome/131.0", "\"ip\"");
        assertThat(total(EventTypes.EMAIL_OPEN)).isEqualTo(3);
        assertThat(total(EventTypes.EMAIL_OPENED)).isEqualTo(1);
        assertThat(total(EventTypes.EMAIL_OPEN_MACHINE)).isZero();
    }

    @Test
    void aHeadRequestIsAnsweredButRecordsNothing() throws Exception {
        long send = send(Instant.now().minusSeconds(3600));

        HttpResponse<Void> head = RAW.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + openPath(send)))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(events(send, EventTypes.EMAIL_OPEN)).isEmpty();
        assertThat(openedAt(send)).isNull();
    }

    @Test
    void applesProxyBehindATrustedProxyIsAMachineOpen() {
        long send = send(Instant.now().minusSeconds(3600));

        Api.Response pixel = hit(openPath(send), "Mozilla/5.0", "17.58.101.4");

        assertThat(pixel.status()).isEqualTo(200);
        assertThat(events(send, EventTypes.EMAIL_OPEN)).containsExactly("apple-mpp");
        assertThat(openedAt(send)).isNull();
        assertThat(total(EventTypes.EMAIL_OPEN_MACHINE)).isEqualTo(1);
        assertThat(total(EventTypes.EMAIL_OPENED)).isZero();
        assertThat(total(EventTypes.EMAIL_OPEN)).isZero();
    }

    @Test
    void anAppleAddressClaimedByAnUntrustedPeerIsNotBelieved() throws Exception {
        long send = send(Instant.now().minusSeconds(3600));
        String peer = nonLoopbackAddress();

        Api.Response pixel = Api.at("http://" + peer + ":" + port)
                .with("User-Agent", "Mozilla/5.0")
                .with("X-Forwarded-For", "17.58.101.4")
                .get(openPath(send));

        assertThat(pixel.status()).isEqualTo(200);
        assertThat(events(send, EventTypes.EMAIL_OPEN)).containsExactly("-");
        assertThat(openedAt(send)).isNotNull();
        assertThat(jdbc.sql("SELECT properties FROM analytics_events WHERE send_id = :send")
                        .param("send", send)
                        .query(String.class)
                        .single())
                .contains(peer)
                .doesNotContain("17.58.101.4");
    }

    @Test
    void aListedUserAgentIsAMachineOpenAndClick() {
        long send = send(Instant.now().minusSeconds(3600));

        assertThat(hit(openPath(send), "Mozilla/5.0 (compatible; bingbot/2.0)", null)
                        .status())
                .isEqualTo(200);
        Api.Response click = hit(clickPath(send, 0, 1, true, "https://shop.test/a"), "python-requests/2.31", null);

        assertThat(click.status()).as("machines are redirected all the same").isEqualTo(302);
        assertThat(events(send, EventTypes.EMAIL_OPEN)).containsExactly("user-agent");
        assertThat(events(send, EventTypes.EMAIL_CLICK)).containsExactly("user-agent");
        assertThat(openedAt(send)).isNull();
        assertThat(clickedAt(send)).isNull();
        assertThat(total(EventTypes.EMAIL_OPEN_MACHINE)).isEqualTo(1);
        assertThat(total(EventTypes.EMAIL_CLICK_MACHINE)).isEqualTo(1);
    }

    @Test
    void aClickWithinTenSecondsOfSendingIsAMachineClick() {
        long send = send(Instant.now().minusSeconds(3));

        Api.Response click = hit(clickPath(send, 0, 1, false, "https://shop.test/a"), BROWSER, null);

        assertThat(click.status()).isEqualTo(302);
        assertThat(click.header("Location")).isEqualTo("https://shop.test/a");
        assertThat(events(send, EventTypes.EMAIL_CLICK)).containsExactly("too-fast");
        assertThat(clickedAt(send)).isNull();
        assertThat(openedAt(send)).isNull();
        assertThat(total(EventTypes.EMAIL_CLICK_MACHINE)).isEqualTo(1);
        assertThat(total(EventTypes.EMAIL_CLICKED)).isZero();
    }

    @Test
    void clicksOnEveryLinkWithinTheBurstWindowAreAllMachineClicks() {
        long send = send(Instant.now().minusSeconds(3600));
        for (int link = 0; link < 3; link++) {
            assertThat(hit(clickPath(send, link, 3, true, "https://shop.test/" + link), BROWSER, null)
                            .status())
                    .isEqualTo(302);
        }
        assertThat(events(send, EventTypes.EMAIL_CLICK))
                .as("unjudged until the window has passed")
                .containsExactly("-", "-", "-");

        judge.runAt(Instant.now().plusSeconds(10));

        assertThat(events(send, EventTypes.EMAIL_CLICK)).containsExactly("burst", "burst", "burst");
        assertThat(clickedAt(send)).isNull();
        assertThat(openedAt(send)).isNull();
        assertThat(total(EventTypes.EMAIL_CLICK_MACHINE)).isEqualTo(3);
        assertThat(total(EventTypes.EMAIL_CLICK)).isZero();
        assertThat(total(EventTypes.EMAIL_CLICKED)).isZero();
        assertThat(tracking.topLinks(campaign, 10)).isEmpty();
        assertThat(held(send)).isZero();
    }

    @Test
    void aHumanClickRedirectsWithTheConversionTokenAndCountsAClickAndAnOpen() {
        long send = send(Instant.now().minusSeconds(3600));
        String url = "https://shop.test/p?x=1#top";

        Api.Response click = hit(clickPath(send, 0, 2, true, url), BROWSER, null);

        assertThat(click.status()).isEqualTo(302);
        assertThat(click.header("Location"))
                .isEqualTo("https://shop.test/p?x=1&iab_click=" + links.conversionToken(send) + "#top");
        assertThat(clickedAt(send)).as("held for the burst window").isNull();

        judge.runAt(Instant.now().plusSeconds(10));

        assertThat(events(send, EventTypes.EMAIL_CLICK)).containsExactly("-");
        assertThat(clickedAt(send)).isNotNull();
        assertThat(openedAt(send)).as("a human click implies an open").isEqualTo(clickedAt(send));
        assertThat(total(EventTypes.EMAIL_CLICKED)).isEqualTo(1);
        assertThat(total(EventTypes.EMAIL_OPENED)).isEqualTo(1);
        assertThat(total(EventTypes.EMAIL_CLICK)).isEqualTo(1);
        assertThat(held(send)).isZero();
    }

    @Test
    void theConversionTokenIsLeftOutWhenTheLinkSaysSo() {
        long send = send(Instant.now().minusSeconds(3600));

        Api.Response click = hit(clickPath(send, 0, 1, false, "https://shop.test/p?x=1#top"), BROWSER, null);

        assertThat(click.header("Location")).isEqualTo("https://shop.test/p?x=1#top");
        assertThat(clickedAt(send))
                .as("a message with one link needs no burst judgement")
                .isNotNull();
        assertThat(openedAt(send)).isNotNull();
    }

    @Test
    void topLinksCountDistinctHumanRecipientsPerLink() {
        long first = send(Instant.now().minusSeconds(3600));
        long second = send(Instant.now().minusSeconds(3600));
        hit(clickPath(first, 0, 3, true, "https://shop.test/a?for=first"), BROWSER, null);
        hit(clickPath(first, 0, 3, true, "https://shop.test/a?for=first"), BROWSER, null);
        hit(clickPath(second, 0, 3, true, "https://shop.test/a?for=second"), BROWSER, null);
        hit(clickPath(second, 2, 3, true, "https://shop.test/c"), BROWSER, null);

        judge.runAt(Instant.now().plusSeconds(10));

        List<LinkClicks> top = tracking.topLinks(campaign, 10);
        assertThat(top).hasSize(2);
        assertThat(top.get(0).clicks()).isEqualTo(2);
        assertThat(top.get(0).url()).startsWith("https://shop.test/a?for=");
        assertThat(top.get(1)).isEqualTo(new LinkClicks("https://shop.test/c", 1));
        assertThat(total(EventTypes.EMAIL_CLICK)).isEqualTo(4);
        assertThat(total(EventTypes.EMAIL_CLICKED)).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentOpensOfOneSendCountOneUniqueOpen() throws Exception {
        long send = send(Instant.now().minusSeconds(3600));
        String pixel = openPath(send);
        CountDownLatch go = new CountDownLatch(1);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                statuses.add(hit(pixel, BROWSER, null).status());
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(statuses).hasSize(50).containsOnly(200);
        assertThat(events(send, EventTypes.EMAIL_OPEN)).hasSize(50);
        assertThat(total(EventTypes.EMAIL_OPEN)).isEqualTo(50);
        assertThat(total(EventTypes.EMAIL_OPENED)).isEqualTo(1);
    }

    @Test
    void aHitTheDatabaseRefusesIsDroppedWithoutLosingTheHitsWrittenWithIt() throws Exception {
        long send = send(Instant.now().minusSeconds(3600));
        // PostgreSQL refuses a NUL character in text and JSON: this click can never be stored
        String poisoned = clickPath(send, 0, 1, false, "https://shop.test/\u0000");
        List<Long> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            others.add(send(Instant.now().minusSeconds(3600)));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofVirtual().start(() -> {
            awaitQuietly(go);
            statuses.add(hit(poisoned, BROWSER, null).status());
        }));
        for (long other : others) {
            threads.add(Thread.ofVirtual().start(() -> {
                awaitQuietly(go);
                statuses.add(hit(openPath(other), BROWSER, null).status());
            }));
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(statuses).hasSize(21).containsOnly(200, 302);
        assertThat(events(send, EventTypes.EMAIL_CLICK)).isEmpty();
        for (long other : others) {
            assertThat(events(other, EventTypes.EMAIL_OPEN)).containsExactly("-");
            assertThat(openedAt(other)).isNotNull();
        }
        assertThat(total(EventTypes.EMAIL_OPENED)).isEqualTo(20);
    }

    @Test
    void tamperedForeignAndUnknownTokensAre404WithoutARedirect() {
        long send = send(Instant.now().minusSeconds(3600));
        String click = clickToken(send, 0, 1, true, "https://shop.test/a");
        byte[] bytes = Base64.getUrlDecoder().decode(click);
        bytes[bytes.length - 20] ^= 0x01;
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long unknown = send + 1_000_000_000L;

        for (String path : List.of(
                "/t/c/" + changed,
                "/t/c/" + tokenOf(links.openUrl(send)),
                "/t/o/" + click,
                "/t/c/" + links.conversionToken(send),
                "/t/o/" + tokenOf(links.unsubscribeUrl(send)),
                "/t/o/" + tokenOf(links.openUrl(unknown)),
                "/t/c/" + clickToken(unknown, 0, 1, true, "https://shop.test/a"),
                "/t/c/not-a-token")) {
            Api.Response answer = hit(path, BROWSER, null);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Location")).as(path).isNull();
        }
        assertThat(events(send, EventTypes.EMAIL_CLICK)).isEmpty();
        assertThat(events(send, EventTypes.EMAIL_OPEN)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM analytics_events WHERE send_id = :send")
                        .param("send", unknown)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long send(Instant sentAt) {
        return CampaignTestData.sentRow(jdbc, campaign, sentAt);
    }

    private Api.Response hit(String path, String userAgent, String forwardedFor) {
        Api client = api.with("User-Agent", userAgent);
        return (forwardedFor == null ? client : client.with("X-Forwarded-For", forwardedFor)).get(path);
    }

    private String openPath(long send) {
        return "/t/o/" + tokenOf(links.openUrl(send));
    }

    private String clickPath(long send, int link, int count, boolean appendClickToken, String url) {
        return "/t/c/" + clickToken(send, link, count, appendClickToken, url);
    }

    private String clickToken(long send, int link, int count, boolean appendClickToken, String url) {
        return tokenOf(links.clickUrl(send, link, count, appendClickToken, url));
    }

    private static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** The machine reasons of a send's raw events of a type, in time order ("-" for human). */
    private List<String> events(long send, String type) {
        return jdbc.sql("""
                        SELECT COALESCE(machine, '-') FROM analytics_events
                        WHERE send_id = :send AND type = :type ORDER BY occurred_at
                        """)
                .param("send", send)
                .param("type", type)
                .query(String.class)
                .list();
    }

    private Instant openedAt(long send) {
        return mark("opened_at", send);
    }

    private Instant clickedAt(long send) {
        return mark("clicked_at", send);
    }

    private Instant mark(String column, long send) {
        return jdbc.sql("SELECT " + column + " FROM email_sends WHERE id = :id")
                .param("id", send)
                .query((rs, row) -> java.util.Optional.ofNullable(rs.getTimestamp(1)))
                .single()
                .map(Timestamp::toInstant)
                .orElse(null);
    }

    private long held(long send) {
        return jdbc.sql("SELECT count(*) FROM tracking_click_holds WHERE send_id = :send")
                .param("send", send)
                .query(Long.class)
                .single();
    }

    private long total(String type) {
        analytics.flush();
        return analytics.totals(Set.of(type), null, campaign).stream()
                .mapToLong(RollupTotal::count)
                .sum();
    }

    private static String nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address.getHostAddress();
                    }
                }
            }
        }
        throw new IllegalStateException("This test needs a non-loopback IPv4 address to be an untrusted peer");
    }
}
