package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Which provider makes the DKIM signatures: ACCP where it loads, the JDK's when it is switched off
 * or cannot load; the signatures of both verify with python3-dkim.
 */
@ExtendWith(OutputCaptureExtension.class)
class DkimProviderTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        DkimSignerTest.keys();
    }

    @Test
    void theSignerSaysWhichProviderSignsAndTheSignaturesOfBothVerify(CapturedOutput log) throws Exception {
        MimeMessages accp = messages(true);
        MimeMessages jdk = messages(false);

        assertThat(jdk.signingProvider()).isEqualTo("SunRsaSign");
        assertThat(log)
                .contains("DKIM signatures use the JDK's SunRsaSign (iabulk.delivery.dkim.native-provider=false)");
        assertThat(verify(jdk)).isEqualTo("PASS bulk2026._domainkey.example.com.");

        assumeThat(DkimProvider.nativeProblem())
                .as("ACCP ships for Linux x86-64 only")
                .isNull();
        assertThat(accp.signingProvider()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(log).contains("DKIM signatures use the Amazon Corretto Crypto Provider 2.");
        assertThat(verify(accp)).isEqualTo("PASS bulk2026._domainkey.example.com.");
    }

    @Test
    void bothProvidersWriteTheSameSignatureAlsoFromManyThreadsAtOnce() throws Exception {
        assumeThat(DkimProvider.nativeProblem())
                .as("ACCP ships for Linux x86-64 only")
                .isNull();
        // RSA PKCS#1 v1.5 signatures are deterministic: same key, same bytes, same clock, same field
        DkimSigner accp = signer(DkimProvider.choose(true));
        DkimSigner jdk = signer(DkimProvider.jdk());
        byte[] unsigned = TestMessages.messages()
                .render(TestMessages.mail("ann@example.org"))
                .bytes();
        byte[] expected = jdk.sign(unsigned);

        assertThat(accp.sign(unsigned)).isEqualTo(expected);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> signed = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                signed.add(threads.submit(() -> accp.sign(unsigned)));
            }
            for (Future<byte[]> one : signed) {
                assertThat(one.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whereTheNativeProviderCannotLoadTheJdksSignsAndAWarningSaysWhy(CapturedOutput log) throws Exception {
        DkimProvider chosen =
                DkimProvider.choose(true, () -> "java.lang.UnsatisfiedLinkError: simulated: no native library");

        assertThat(chosen.isNative()).isFalse();
        assertThat(chosen.name()).isEqualTo("SunRsaSign");
        assertThat(log)
                .contains("WARN")
                .contains("DKIM signatures use the JDK's SunRsaSign, about three times slower: the Amazon Corretto"
                        + " Crypto Provider cannot load here (java.lang.UnsatisfiedLinkError: simulated: no native"
                        + " library)");

        DkimSigner signer = signer(chosen);
        byte[] unsigned = TestMessages.messages()
                .render(TestMessages.mail("ann@example.org"))
                .bytes();
        assertThat(DkimSignerTest.verify(dir, DkimSignerTest.publicKey, signer.sign(unsigned)))
                .isEqualTo("PASS bulk2026._domainkey.example.com.");
    }

    @Test
    void switchedOffTheNativeProviderIsNotEvenAsked() {
        DkimProvider chosen = DkimProvider.choose(false, () -> {
            throw new AssertionError("asked");
        });

        assertThat(chosen.isNative()).isFalse();
    }

    private static DkimSigner signer(DkimProvider provider) {
        return new DkimSigner(
                "example.com",
                "bulk2026",
                DkimSignerTest.keys.getPrivate(),
                List.of("From", "To", "Subject", "Date", "Message-ID"),
                TestMessages.CLOCK,
                provider);
    }

    private static MimeMessages messages(boolean nativeProvider) {
        return new MimeMessages(
                TestMessages.properties(Map.of(
                        "iabulk.delivery.message-id-domain", "mail.example.com",
                        "iabulk.delivery.dkim.domain", "example.com",
                        "iabulk.delivery.dkim.selector", "bulk2026",
                        "iabulk.delivery.dkim.private-key", DkimSignerTest.pem(DkimSignerTest.keys),
                        "iabulk.delivery.dkim.native-provider", Boolean.toString(nativeProvider))),
                TestMessages.CLOCK);
    }

    private String verify(MimeMessages messages) throws Exception {
        return DkimSignerTest.verify(
                dir,
                DkimSignerTest.publicKey,
                messages.render(TestMessages.mail("ann@example.org")).bytes());
    }
}
