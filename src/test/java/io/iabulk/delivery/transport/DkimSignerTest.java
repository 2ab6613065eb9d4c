package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.OutgoingMail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signs messages with our signer and checks each with an independent verifier (python3-dkim). */
class DkimSignerTest {

    static KeyPair keys;
    static String publicKey;
    static MimeMessages messages;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        if (messages != null) {
            return;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        messages = new MimeMessages(
                TestMessages.properties(Map.of(
                        "iabulk.delivery.message-id-domain", "mail.example.com",
                        "iabulk.delivery.dkim.domain", "example.com",
                        "iabulk.delivery.dkim.selector", "bulk2026",
                        "iabulk.delivery.dkim.private-key", pem(keys))),
                TestMessages.CLOCK);
    }

    @Test
    void aStandardVerifierAcceptsASignedCampaignMessage() throws Exception {
        byte[] signed = messages.render(TestMessages.mail("ann@example.org")).bytes();

        assertThat(verify(signed)).isEqualTo("PASS bulk2026._domainkey.example.com.");
        String head = new String(signed, 0, 600, StandardCharsets.US_ASCII);
        assertThat(head).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=bulk2026;");
        assertThat(head)
                .contains("h=from:to:subject:date:message-id:reply-to:list-unsubscribe:"
                        + "list-unsubscribe-post:mime-version:content-type;");
    }

    @Test
    void nonAsciiSubjectsAndNamesVerify() throws Exception {
        OutgoingMail mail = new OutgoingMail(
                "Zoë <zoe@example.org>",
                "Équipe <news@example.com>",
                null,
                "Grüße, Zoë — 🎉 ta récompense",
                "Grüße\n",
                "<p>Grüße</p>",
                "https://bulk.example.com/u/abc",
                Map.of());

        assertThat(verify(messages.render(mail).bytes())).startsWith("PASS");
    }

    @Test
    void longFoldedHeadersVerify() throws Exception {
        OutgoingMail mail = new OutgoingMail(
                "someone.with.a.rather.long.address@subdomain.example.org",
                "\"A sender with a long display name, and a comma\" <news@example.com>",
                "Replies go to a team with a very long name indeed <replies@example.com>",
                "A subject that goes on and on ".repeat(10),
                "text",
                null,
                "https://bulk.example.com/u/" + "t".repeat(180),
                Map.of("X-Campaign", "spring-launch ".repeat(12)));
        byte[] signed = messages.render(mail).bytes();

        assertThat(new String(signed, StandardCharsets.US_ASCII)).contains("\r\n\tt"); // folded subject
        assertThat(verify(signed)).startsWith("PASS");
    }

    @Test
    void trailingBlankLinesAndSpacesInTheBodyVerify() throws Exception {
        OutgoingMail mail = new OutgoingMail(
                "ann@example.org",
                "news@example.com",
                "Spaces",
                "Line  with   runs of spaces \t \nand trailing ones   \n\n\n\n",
                null,
                Map.of());

        assertThat(verify(messages.render(mail).bytes())).startsWith("PASS");
    }

    @Test
    void aChangedBodyOrSubjectFailsVerification() throws Exception {
        byte[] signed = messages.render(TestMessages.mail("ann@example.org")).bytes();
        String text = new String(signed, StandardCharsets.US_ASCII);

        String body = text.replace("this is the text.", "this is the TEXT.");
        assertThat(body).isNotEqualTo(text);
        assertThat(verify(body.getBytes(StandardCharsets.US_ASCII))).startsWith("FAIL");

        String subject = text.replace("Subject: Your weekly news", "Subject: Your weekly NEWS");
        assertThat(subject).isNotEqualTo(text);
        assertThat(verify(subject.getBytes(StandardCharsets.US_ASCII))).startsWith("FAIL");
    }

    @Test
    void relaxedCanonicalisationFollowsTheRfcExample() {
        // RFC 6376, 3.4.5
        byte[] message =
                "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int end = DkimSigner.headerEnd(message);
        List<byte[]> fields = DkimSigner.fields(message, end);
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        for (byte[] field : fields) {
            DkimSigner.relaxedHeader(field, headers);
            headers.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(headers.toString(StandardCharsets.US_ASCII)).isEqualTo("a:X\r\nb:Y Z\r\n");
        assertThat(new String(DkimSigner.relaxedBody(message, end + 2), StandardCharsets.US_ASCII))
                .isEqualTo(" C\r\nD E\r\n");
        assertThat(DkimSigner.relaxedBody("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0))
                .isEmpty();
    }

    @Test
    void noSignatureWithoutConfiguration() {
        byte[] plain = TestMessages.messages()
                .render(TestMessages.mail("ann@example.org"))
                .bytes();

        assertThat(new String(plain, StandardCharsets.US_ASCII)).doesNotContain("DKIM-Signature");
    }

    private String verify(byte[] message) throws IOException, InterruptedException {
        return verify(dir, publicKey, message);
    }

    /** Runs python3-dkim on a message; "PASS <queried DNS name>" or "FAIL <why>". */
    static String verify(Path dir, String publicKey, byte[] message) throws IOException, InterruptedException {
        Path file = Files.write(dir.resolve(System.nanoTime() + ".eml"), message);
        Path script = dir.resolve("verify.py");
        if (!Files.exists(script)) {
            try (InputStream in = DkimSignerTest.class.getResourceAsStream("/dkim/verify.py")) {
                Files.copy(in, script);
            }
        }
        Path log = dir.resolve("verify.log");
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), file.toString(), publicKey)
                .redirectError(log.toFile())
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue())
                .as("python3-dkim must be installed (apt-get install python3-dkim): %s", Files.readString(log))
                .isZero();
        return out;
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
