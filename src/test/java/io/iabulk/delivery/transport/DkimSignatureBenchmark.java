package io.iabulk.delivery.transport;

import io.iabulk.delivery.OutgoingMail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One DKIM signature with each provider (RSA-2048, {@code SHA256withRSA}): the bare signature of
 * the canonical header block, and the whole {@link DkimSigner#sign} of the delivery benchmark's
 * message (body hash, canonicalisation, signature, new field). Run with {@code bench/jmh/run.sh
 * DkimSignature}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DkimSignatureBenchmark {

    /** jdk: SunRsaSign; accp: the Amazon Corretto Crypto Provider. */
    @Param({"jdk", "accp"})
    public String provider;

    private DkimProvider chosen;
    private PrivateKey key;
    private DkimSigner signer;
    private byte[] message;
    private byte[] headerBlock;

    @Setup
    public void keyAndMessage() throws Exception {
        chosen = provider.equals("accp") ? DkimProvider.choose(true) : DkimProvider.jdk();
        if (provider.equals("accp") && !chosen.isNative()) {
            throw new IllegalStateException("ACCP does not load here: " + DkimProvider.nativeProblem());
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey jdkKey = generator.generateKeyPair().getPrivate();
        key = KeyFactory.getInstance("RSA", chosen.provider())
                .generatePrivate(new PKCS8EncodedKeySpec(jdkKey.getEncoded()));
        signer = new DkimSigner(
                "bench.example.test",
                "bench",
                jdkKey,
                List.of(
                        "From",
                        "To",
                        "Subject",
                        "Date",
                        "Message-ID",
                        "Reply-To",
                        "List-Unsubscribe",
                        "List-Unsubscribe-Post",
                        "MIME-Version",
                        "Content-Type"),
                TestMessages.CLOCK,
                chosen);
        String html = Files.readString(Path.of("bench/delivery/template.html"));
        message = TestMessages.messages()
                .render(new OutgoingMail(
                        "user1@example1.test",
                        "news@bench.example.test",
                        null,
                        "Your November update, Ann",
                        io.iabulk.campaigns.templates.HtmlToText.convert(html),
                        html,
                        "https://bulk.example.com/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        Map.of()))
                .bytes();
        // about the size of what is signed: ten canonical header fields and the signature's own
        headerBlock = new String(message, 0, 700, StandardCharsets.US_ASCII).getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public byte[] signature() throws GeneralSecurityException {
        Signature rsa = Signature.getInstance(DkimProvider.ALGORITHM, chosen.provider());
        rsa.initSign(key);
        rsa.update(headerBlock);
        return rsa.sign();
    }

    @Benchmark
    public byte[] signMessage() {
        return signer.sign(message);
    }
}
