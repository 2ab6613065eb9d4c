package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {

    @Test
    void decodesBackToTheTextWithCrlfLineEndsAndKeepsEveryLineWithinSeventySixCharacters() throws Exception {
        String[] samples = {
            "",
            "plain ascii",
            "trailing space \nand tab\t\r\nend  ",
            "= signs = everywhere ==",
            "Grüße, 日本語, emoji 🎉 and ñ",
            "x".repeat(300),
            "é".repeat(100),
            "<p style=\"color:#555\">" + "word ".repeat(80) + "</p>\n\n\n",
            "lone\rcarriage return",
            "a".repeat(74) + "=" + "b".repeat(10)
        };
        for (String sample : samples) {
            byte[] encoded = QuotedPrintable.encode(sample);
            String wire = new String(encoded, StandardCharsets.US_ASCII);
            for (String line : wire.split("\r\n", -1)) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
                assertThat(line)
                        .as("no trailing white space")
                        .doesNotEndWith(" ")
                        .doesNotEndWith("\t");
            }
            assertThat(wire.replace("\r\n", ""))
                    .as("only CRLF line ends")
                    .doesNotContain("\r")
                    .doesNotContain("\n");
            assertThat(decode(encoded))
                    .isEqualTo(sample.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n"));
        }
    }

    @Test
    void agreesWithTheMailLibraryOnRandomText() throws Exception {
        Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(400); i > 0; i--) {
                int pick = random.nextInt(10);
                text.append(
                        pick == 0
                                ? '\n'
                                : pick == 1
                                        ? ' '
                                        : pick == 2 ? 'ü' : pick == 3 ? '=' : (char) ('a' + random.nextInt(26)));
            }
            String sample = text.toString();
            assertThat(decode(QuotedPrintable.encode(sample))).isEqualTo(sample.replace("\n", "\r\n"));
        }
    }

    private static String decode(byte[] encoded) throws Exception {
        try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
