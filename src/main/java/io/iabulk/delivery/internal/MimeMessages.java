package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.OutgoingMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Builds the MIME form every message shares: {@code Message-ID}, {@code Date}, RFC 2047 encoded
 * non-ASCII headers, and multipart/alternative (text, then HTML) when there is an HTML part.
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

    private final Session session = Session.getInstance(new Properties());
    private final String idDomain;
    private final Clock clock;

    MimeMessages(DeliveryProperties properties, Clock clock) {
        this.idDomain = properties.messageIdDomain();
        this.clock = clock;
    }

    public MimeMessage build(OutgoingMail mail) {
        try {
            String messageId = "<" + UUID.randomUUID() + "@" + idDomain + ">";
            MimeMessage message = new FixedIdMessage(session, messageId);
            message.setFrom(InternetAddress.parse(mail.from(), false)[0]);
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(mail.to(), false));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            if (mail.html() == null) {
                message.setText(mail.text(), StandardCharsets.UTF_8.name());
            } else {
                MimeMultipart alternative = new MimeMultipart("alternative");
                MimeBodyPart text = new MimeBodyPart();
                text.setText(mail.text(), StandardCharsets.UTF_8.name());
                MimeBodyPart html = new MimeBodyPart();
                html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                message.setContent(alternative);
            }
            message.saveChanges();
            return message;
        } catch (MessagingException e) {
            throw new MailSendException("Cannot build a message to " + mail.to() + ": " + e.getMessage(), e, false);
        }
    }

    public String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
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
