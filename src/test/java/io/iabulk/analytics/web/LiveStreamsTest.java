package io.iabulk.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iabulk.support.Api;
import io.iabulk.support.HttpTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Live streams end cleanly: a client that goes away is forgotten, and a stop ends every stream
 * after the updates already sent. The ticker is stepped by hand (the tests' live period is an
 * hour), so the updates a stream gets are the ones the test made.
 */
class LiveStreamsTest extends HttpTest {

    @Autowired
    LiveStreams live;

    @Test
    void forgetsAClientThatWentAway() throws Exception {
        awaitNoSubscribers();
        HttpResponse<Stream<String>> stream = openAndStepOnce();
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> stream.body()
                .filter(line -> line.startsWith("event:"))
                .findFirst()
                .orElseThrow());
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("event:update");

        stream.body().close();

        awaitNoSubscribers();
    }

    @Test
    void stoppingEndsEveryStreamAfterTheUpdatesAlreadySent() throws Exception {
        awaitNoSubscribers();
        HttpResponse<Stream<String>> stream = openAndStepOnce();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended =
                CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.size() >= 3);
        try {
            live.stop();

            ended.get(10, TimeUnit.SECONDS);
            assertThat(lines).as("the one update, then the end").hasSize(3);
            assertThat(lines.get(0)).isEqualTo("event:update");
            assertThat(lines.get(1)).startsWith("data:{");
            assertThat(lines.get(2)).isEmpty();
            assertThat(live.subscribers()).isZero();
            assertThat(live.isRunning()).isFalse();
        } finally {
            live.start();
        }
    }

    /** A stream is forgotten when a send to it fails: steps the ticker until every one has. */
    private void awaitNoSubscribers() {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    live.runOnce();
                    return live.subscribers() == 0;
                });
    }

    /** Opens the only stream and steps the ticker once: the response starts with that update. */
    private HttpResponse<Stream<String>> openAndStepOnce() throws Exception {
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/analytics/live"))
                                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        await().atMost(Duration.ofSeconds(10)).until(() -> live.subscribers() == 1);
        live.runOnce();
        HttpResponse<Stream<String>> stream = response.get(10, TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        return stream;
    }
}
