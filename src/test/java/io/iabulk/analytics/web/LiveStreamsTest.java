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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Live streams end cleanly: a client that goes away is forgotten, and a stop ends every stream. */
class LiveStreamsTest extends HttpTest {

    @Autowired
    LiveStreams live;

    @Test
    void forgetsAClientThatWentAway() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> live.subscribers() == 0);
        HttpResponse<Stream<String>> stream = open();
        await().atMost(Duration.ofSeconds(5)).until(() -> live.subscribers() == 1);
        assertThat(stream.body().filter(line -> line.startsWith("event:")).findFirst())
                .hasValue("event:update");

        stream.body().close();

        await().atMost(Duration.ofSeconds(10)).until(() -> live.subscribers() == 0);
    }

    @Test
    void stoppingEndsEveryStream() throws Exception {
        HttpResponse<Stream<String>> stream = open();
        await().atMost(Duration.ofSeconds(5)).until(() -> live.subscribers() >= 1);
        CompletableFuture<Long> ended =
                CompletableFuture.supplyAsync(() -> stream.body().count());
        try {
            live.stop();
            assertThat(ended.get(10, TimeUnit.SECONDS)).isNotNegative();
            assertThat(live.subscribers()).isZero();
            assertThat(live.isRunning()).isFalse();
        } finally {
            live.start();
        }
    }

    private HttpResponse<Stream<String>> open() throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/analytics/live"))
                                .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
