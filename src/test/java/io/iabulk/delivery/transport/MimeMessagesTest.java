package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.OutgoingMail;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeMessagesTest {

    private final MimeMessages messages = TestMessages.messages();

    @Test
    void everyMessageCarriesIdDateReplyToAndOneClickUnsubscribe() throws Exception {
        WireMessage wire = messages.render(TestMessages.mail("ann@example.org"));
        MimeMessage parsed = parse(wire.bytes());

        assertThat(wire.messageId()).matches("<[0-9a-f-]{36}@mail\\.example\\.com>");
        assertThat(parsed.getMessageID()).isEqualTo(wire.messageId());
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(TestMessages.CLOCK.instant());
        assertThat(parsed.getReplyTo()).containsExactly(new InternetAddress("help@example.com", "Support"));
        assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe", null)))
                .isEqualTo("<https://bulk.example.com/u/tok-123_abc>, "
                        + "<mailto:unsubscribe@mail.example.com?subject=unsubscribe%20tok-123_abc>");
        assertThat(parsed.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(parsed.getHeader("X-IABulk-Kind", null)).isEqualTo("campaign");
        assertThat(wire.envelopeFrom()).isEqualTo("news@example.com");
        assertThat(wire.recipient()).isEqualTo("ann@example.org");
    }

    @Test
    void theUnsubscribeMailboxIsConfigurable() throws Exception {
        MimeMessages custom = new MimeMessages(
                TestMessages.properties(Map.of("iabulk.delivery.unsubscribe-mailbox", "leave@lists.example.com")),
                TestMessages.CLOCK);
        MimeMessage parsed =
                parse(custom.render(TestMessages.mail("ann@example.org")).bytes());

        assertThat(MimeUtility.unfold(parsed.getHeader("List-Unsubscribe", null)))
                .contains("<mailto:leave@lists.example.com?subject=unsubscribe%20tok-123_abc>");
    }

    @Test
    void mailWithoutUnsubscribeLinkHasNoListHeaders() throws Exception {
        OutgoingMail confirmation = new OutgoingMail("bo@example.org", "a@example.com", "Confirm", "text", null, null);
        MimeMessage parsed = parse(messages.render(confirmation).bytes());

        assertThat(parsed.getHeader("List-Unsubscribe")).isNull();
        assertThat(parsed.getHeader("List-Unsubscribe-Post")).isNull();
        assertThat(parsed.getHeader("Reply-To")).isNull();
        assertThat(parsed.isMimeType("text/plain")).isTrue();
        assertThat(parsed.getContent()).isEqualTo("text");
    }

    @Test
    void alternativePartsAreTextThenHtmlInQuotedPrintableUtf8() throws Exception {
        OutgoingMail mail = new OutgoingMail(
                "ann@example.org",
                "news@example.com",
                "Hi",
                "Grüße aus Köln — " + "x".repeat(200) + "\n",
                "<p>Grüße</p>",
                Map.of());
        byte[] bytes = messages.render(mail).bytes();
        MimeMessage parsed = parse(bytes);

        assertThat(parsed.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(parts.getBodyPart(0).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(parts.getBodyPart(1).getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo(mail.text().replace("\n", "\r\n"));
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Grüße</p>");
        assertSevenBitWithCrlfLinesUnder1000(bytes);
    }

    @Test
    void nonAsciiSubjectAndDisplayNamesAreEncodedPerRfc2047() throws Exception {
        OutgoingMail mail = new OutgoingMail(
                "Zoë Čapek <zoe@example.org>",
                "Équipe Öffentlich <news@example.com>",
                "Rémi <remi@example.com>",
                "Votre récompense est prête 🎉 " + "très long sujet ".repeat(8),
                "text",
                null,
                null,
                Map.of());
        byte[] bytes = messages.render(mail).bytes();
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        MimeMessage parsed = parse(bytes);

        assertThat(raw).contains("Subject: =?UTF-8?");
        assertThat(parsed.getSubject()).isEqualTo(mail.subject());
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Équipe Öffentlich");
        assertThat(((InternetAddress) parsed.getAllRecipients()[0]).getPersonal())
                .isEqualTo("Zoë Čapek");
        assertThat(((InternetAddress) parsed.getReplyTo()[0]).getPersonal()).isEqualTo("Rémi");
        assertSevenBitWithCrlfLinesUnder1000(bytes);
    }

    @Test
    void anUnparsableAddressIsAPermanentFailure() {
        OutgoingMail mail = new OutgoingMail("not an address <", "news@example.com", "Hi", "t", null, Map.of());

        assertThatThrownBy(() -> messages.render(mail))
                .isInstanceOf(MailSendException.class)
                .matches(e -> !((MailSendException) e).isTransient());
    }

    @Test
    void eachMessageGetsItsOwnId() {
        String first = messages.render(TestMessages.mail("a@example.org")).messageId();
        String second = messages.render(TestMessages.mail("a@example.org")).messageId();

        assertThat(first).isNotEqualTo(second);
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    static void assertSevenBitWithCrlfLinesUnder1000(byte[] bytes) {
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            assertThat(bytes[i]).as("byte %d is 7-bit", i).isBetween((byte) 0, (byte) 127);
            if (bytes[i] == '\n') {
                assertThat(i).as("LF at %d follows CR", i).isPositive();
                assertThat(bytes[i - 1]).isEqualTo((byte) '\r');
                line = 0;
            } else if (++line > 999) {
                throw new AssertionError("line longer than 998 characters at " + i);
            }
        }
    }
}
