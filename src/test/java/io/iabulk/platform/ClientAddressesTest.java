package io.iabulk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class ClientAddressesTest {

    private final ClientAddresses clients = new ClientAddresses(new PlatformProperties(
            RuntimeMode.EMBEDDED,
            null,
            null,
            Path.of("data"),
            null,
            null,
            DataSize.ofMegabytes(1),
            List.of("10.0.0.0/8", "::1/128"),
            new PlatformProperties.RateLimit(true, 1000, Map.of()),
            new PlatformProperties.Redis("x:")));

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(clients.of(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void takesTheRightmostUntrustedHopBehindTrustedProxies() {
        assertThat(clients.of(request("10.1.2.3", "198.51.100.1, 203.0.113.7, 10.9.9.9")))
                .isEqualTo("203.0.113.7");
        assertThat(clients.of(request("::1", "2001:db8::5"))).isEqualTo("2001:db8::5");
    }

    @Test
    void thePeerWithoutAHeader() {
        assertThat(clients.of(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
    }

    private static MockHttpServletRequest request(String peer, String forwarded) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwarded != null) {
            request.addHeader("X-Forwarded-For", forwarded);
        }
        return request;
    }
}
