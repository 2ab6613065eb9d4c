package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Builds the form every message shares: {@code Message-ID}, {@code Date}, {@code Reply-To}, {@code
 * List-Unsubscribe} (https and mailto) with {@code List-Unsubscribe-Post} (RFC 8058), RFC 2047
 * encoded non-ASCII subject and display names, and multipart/alternative (text, then HTML) with
 * UTF-8 quoted-printable parts; then writes it once to CRLF bytes and DKIM-signs those bytes.
 */
@Component
public class MimeMessages {

    static {
        // Jakarta Mail 2.1 finds its StreamProvider through ServiceLoader on every message, body
        // part and encoder it creates (jakartaee/mail-api#699, #861): a scan of the nested jars that
        // took more than half the CPU of a confirmation email. Naming the implementation, which
        // FactoryFinder reads before any scan, turns that into a loaded-class lookup.
        String property = "jakarta.mail.util.StreamProvider";
        String angus = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) == null && ClassUtils.isPresent(angus, MimeMessages.class.getClassLoader())) {
            System.setProperty(property, angus);
        }
    }

    private static final String UTF8 = StandardCharsets.UTF_8.name();

    // one session for every message: building a Session parses properties and looks up providers
    private final Session session = Session.getInstance(new Properties());
    private final String idDomain;
    private final String unsubscribeMailbox;
    private final Clock clock;
    private final DkimSigner signer;

    MimeMessages(DeliveryProperties properties, Clock clock) {
        this.idDomain = properties.messageIdDomain();
        this.unsubscribeMailbox = properties.unsubscribeMailboxOrDefault();
        this.clock = clock;
        this.signer = DkimSigner.from(properties.dkim(), clock);
    }

    /** Whether messages are DKIM-signed. */
    public boolean signing() {
        return signer != null;
    }

    /** The name of the JCA provider making the DKIM signatures, or null when messages are not signed. */
    public String signingProvider() {
        return signer == null ? null : signer.provider().name();
    }

    /** The message as the wire carries it: CRLF line ends, with a DKIM signature when configured. */
    public WireMessage render(OutgoingMail mail) {
        MimeMessage message = build(mail);
        try {
            CrlfOutputStream out = new CrlfOutputStream(2048 + 2 * (length(mail.text()) + length(mail.html())));
            message.writeTo(out);
            byte[] bytes = out.finish();
            if (signer != null) {
                bytes = signer.sign(bytes);
            }
            return new WireMessage(
                    message.getMessageID(),
                    ((InternetAddress) message.getFrom()[0]).getAddress(),
                    ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                    bytes);
        } catch (IOException | MessagingException e) {
            throw new MailSendException("Cannot write a message to " + mail.to() + ": " + e.getMessage(), e, false);
        }
    }

    /**
     * The MIME message (unsigned): headers and parts. Throws a permanent {@link MailSendException}
     * when an address cannot be parsed.
     */
    public MimeMessage build(OutgoingMail mail) {
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + UUID.randomUUID() + "@" + idDomain + ">");
            message.setFrom(address(mail.from(), "from"));
            message.setRecipient(Message.RecipientType.TO, address(mail.to(), "to"));
            if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
                message.setReplyTo(new InternetAddress[] {address(mail.replyTo(), "replyTo")});
            }
            message.setSubject(mail.subject(), UTF8);
            message.setSentDate(Date.from(clock.instant()));
            if (mail.unsubscribeUrl() != null) {
                message.setHeader("List-Unsubscribe", fold("List-Unsubscribe", listUnsubscribe(mail.unsubscribeUrl())));
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            for (Map.Entry<String, String> header : mail.headers().entrySet()) {
                message.setHeader(
                        header.getKey(), fold(header.getKey(), MimeUtility.encodeText(header.getValue(), UTF8, "Q")));
            }
            if (mail.html() == null) {
                text(message, mail.text(), "plain");
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(encodedPart(mail.text(), "plain"));
                alternative.addBodyPart(encodedPart(mail.html(), "html"));
                message.setContent(alternative);
            }
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailSendException("Cannot build a message to " + mail.to() + ": " + e.getMessage(), e, false);
        }
    }

    /** {@code <https://…/u/TOKEN>, <mailto:…?subject=unsubscribe%20TOKEN>}. */
    String listUnsubscribe(String unsubscribeUrl) {
        String path = unsubscribeUrl;
        int end = indexOfAny(path, '?', '#');
        if (end >= 0) {
            path = path.substring(0, end);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String token = path.substring(path.lastIndexOf('/') + 1);
        return "<" + unsubscribeUrl + ">, <mailto:" + unsubscribeMailbox + "?subject=unsubscribe%20"
                + percentEncode(token) + ">";
    }

    /**
     * A text part whose quoted-printable bytes are made here: Jakarta Mail copies a part built from
     * headers and raw bytes to the output as is, without its (slow) encoder streams.
     */
    private static MimeBodyPart encodedPart(String content, String subtype) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return new MimeBodyPart(headers, QuotedPrintable.encode(content == null ? "" : content));
    }

    private static void text(MimePart part, String content, String subtype) throws MessagingException {
        part.setText(content == null ? "" : content, UTF8, subtype);
        // quoted-printable whatever the content: long lines and 8-bit text stay 7-bit safe, and
        // the bytes we sign are the bytes that arrive (no relay re-encodes 7-bit data)
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
    }

    /** One address with its display name encoded per RFC 2047 when it is not ASCII. */
    private static InternetAddress address(String value, String field) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        if (parsed.length != 1) {
            throw new AddressException("'" + field + "' must hold exactly one address: " + value);
        }
        InternetAddress address = parsed[0];
        try {
            return address.getPersonal() == null
                    ? new InternetAddress(address.getAddress())
                    : new InternetAddress(address.getAddress(), address.getPersonal(), UTF8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fold(String name, String value) {
        return MimeUtility.fold(name.length() + 2, value);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** Keeps our own {@code Message-ID} instead of the one Jakarta Mail makes on save. */
    static final class FixedIdMessage extends MimeMessage {

        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
