package io.iabulk.delivery.transport;

import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.SendOutcome;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through the SMTP relay configured with {@code SPRING_MAIL_HOST}/{@code SPRING_MAIL_PORT}. */
class SmtpMailTransport implements MailTransport {

    private final JavaMailSender sender;
    private final MimeMessages messages;

    SmtpMailTransport(JavaMailSender sender, MimeMessages messages) {
        this.sender = sender;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<SendOutcome> send(List<Envelope> batch) {
        List<SendOutcome> outcomes = new ArrayList<>(batch.size());
        for (Envelope envelope : batch) {
            MimeMessage message;
            try {
                message = messages.build(envelope.mail());
            } catch (MailSendException e) {
                outcomes.add(SendOutcome.permanentFailure(0, e.getMessage()));
                continue;
            }
            try {
                sender.send(message);
                outcomes.add(SendOutcome.sent(message.getMessageID()));
            } catch (MailException | jakarta.mail.MessagingException e) {
                outcomes.add(SendOutcome.transientFailure(0, e.getMessage()));
            }
        }
        return outcomes;
    }
}
