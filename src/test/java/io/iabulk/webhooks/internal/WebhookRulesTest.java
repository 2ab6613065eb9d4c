package io.iabulk.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SSRF address rules, the signature and the backoff, without a server. */
class WebhookRulesTest {

    @Test
    void internalAddressesAreRefusedInEveryForm() throws Exception {
        for (String address : new String[] {
            "0.0.0.0",
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "100.64.0.1",
            "100.127.255.254",
            "169.254.169.254",
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "240.0.0.1",
            "192.0.2.1",
            "198.18.0.1",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "fec0::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "2001:db8::1"
        }) {
            assertThat(AddressGuard.refusal(InetAddress.getByName(address)))
                    .as(address)
                    .isPresent();
        }
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : new String[] {
            "93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"
        }) {
            assertThat(AddressGuard.refusal(InetAddress.getByName(address)))
                    .as(address)
                    .isEmpty();
        }
    }

    @Test
    void ipv4LiteralsThatProgramsReadDifferentlyAreAmbiguous() {
        for (String host : List.of(
                "0177.0.0.1",
                "127.1",
                "2130706433",
                "010.0.0.1",
                "127.000.000.001",
                "1.2.3.04",
                "1.2.3.4.",
                "1.2.3.256",
                "1..2.3")) {
            assertThat(AddressGuard.isAmbiguousIpv4(host)).as(host).isTrue();
        }
        for (String host : List.of(
                "93.184.215.14", "0.0.0.0", "255.255.255.255", "10.0.0.1", "example.com", "[::1]", "1a.2.3.4")) {
            assertThat(AddressGuard.isAmbiguousIpv4(host)).as(host).isFalse();
        }
    }

    @Test
    void theSignatureIsTheHexHmacOfTimestampDotBody() {
        byte[] body = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
        // computed independently: printf '1700000000.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(Signatures.header("whsec_test", 1_700_000_000L, body))
                .isEqualTo("t=1700000000,v1=" + Signatures.hmacHex("whsec_test", 1_700_000_000L, body));
        assertThat(Signatures.hmacHex("whsec_test", 1_700_000_000L, body)).isEqualTo(EXPECTED_HMAC);
        assertThat(Signatures.hmacHex("whsec_test", 1_700_000_001L, body)).isNotEqualTo(EXPECTED_HMAC);
    }

    private static final String EXPECTED_HMAC = "c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925";

    @Test
    void backoffDoublesFromTenSecondsWithJitterAndACap() {
        Duration first = Duration.ofSeconds(10);
        Duration max = Duration.ofHours(1);
        assertThat(Backoff.delay(1, first, max, 0.2, 0.5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.delay(2, first, max, 0.2, 0.5)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Backoff.delay(4, first, max, 0.2, 0.5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(Backoff.delay(1, first, max, 0.2, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(Backoff.delay(1, first, max, 0.2, 0.999_999))
                .isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
        assertThat(Backoff.delay(30, first, max, 0.2, 0.5)).isEqualTo(max);
    }
}
