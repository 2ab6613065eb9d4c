package io.iabulk.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.platform.PlatformProperties;
import io.iabulk.platform.PublicUrls;
import io.iabulk.platform.RuntimeMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TrackingLinksTest {

    private static final String BASE = "https://mail.example.com";

    private final TrackingLinks links = links("secret-one");

    @Test
    void aClickTokenCarriesItsSignedFields() {
        String url = "https://shop.example.com/p?q=ü&x=1#top";
        String link = links.clickUrl(42L, 3, 7, true, url);

        assertThat(link).startsWith(BASE + "/t/c/");
        assertThat(links.click(tokenOf(link))).contains(new SignedClick(42L, 3, 7, true, url));
        assertThat(links.click(tokenOf(links.clickUrl(9L, 0, 1, false, url))))
                .contains(new SignedClick(9L, 0, 1, false, url));
    }

    @Test
    void everyChangedByteOfATokenIsRejected() {
        byte[] token = Base64.getUrlDecoder().decode(tokenOf(links.clickUrl(42L, 1, 2, true, "https://example.com/a")));
        for (int i = 0; i < token.length; i++) {
            byte[] tampered = token.clone();
            tampered[i] ^= 0x01;
            assertThat(links.click(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered)))
                    .as("byte %d changed", i)
                    .isEmpty();
        }
    }

    @Test
    void aTokenServesOnlyItsOwnPurposeAndKey() {
        String open = tokenOf(links.openUrl(5L));
        String unsubscribe = tokenOf(links.unsubscribeUrl(5L));
        String conversion = links.conversionToken(5L);

        assertThat(links.openSend(open)).hasValue(5L);
        assertThat(links.unsubscribeSend(unsubscribe)).hasValue(5L);
        assertThat(links.conversionSend(conversion)).hasValue(5L);
        assertThat(links.openSend(unsubscribe)).isEmpty();
        assertThat(links.unsubscribeSend(open)).isEmpty();
        assertThat(links.conversionSend(open)).isEmpty();
        assertThat(links.click(open)).isEmpty();
        assertThat(links("another-secret").openSend(open)).isEmpty();
    }

    @Test
    void malformedTokensAreRejected() {
        assertThat(links.openSend("")).isEmpty();
        assertThat(links.openSend("not base64 !")).isEmpty();
        assertThat(links.click("AAAA")).isEmpty();
        String open = tokenOf(links.openUrl(5L));
        assertThat(links.openSend(open.substring(0, open.length() - 2))).isEmpty();
    }

    @Test
    void overlongUrlsStayUntracked() {
        String url = "https://example.com/" + "a".repeat(TrackingLinks.MAX_URL_BYTES);
        assertThat(links.clickUrl(1L, 0, 1, true, url)).isEqualTo(url);
        assertThat(links.clickUrl(1L, TrackingLinks.MAX_LINKS, 70_000, true, "https://example.com"))
                .isEqualTo("https://example.com");
    }

    private static String tokenOf(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    private static TrackingLinks links(String secret) {
        PlatformProperties platform = new PlatformProperties(
                RuntimeMode.EMBEDDED,
                URI.create(BASE),
                null,
                Path.of("data"),
                null,
                null,
                DataSize.ofMegabytes(1),
                List.of(),
                new PlatformProperties.RateLimit(true, 1000, Map.of()),
                new PlatformProperties.Redis("x:"));
        return new TrackingLinks(
                new PublicUrls(platform), new TrackingProperties(secret, null, null), null, Clock.systemUTC());
    }
}
