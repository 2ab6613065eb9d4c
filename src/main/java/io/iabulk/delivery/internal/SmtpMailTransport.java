package io.iabulk.delivery.internal;

import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends through the SMTP relay configured with {@code SPRING_MAIL_HOST}/{@code SPRING_MAIL_PORT}. */
@Component
@ConditionalOnProperty("spring.mail.host")
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
            MimeMessage message = messages.build(envelope.mail());
            try {
                sender.send(message);
                outcomes.add(SendOutcome.sent(messages.messageId(message)));
            } catch (MailException e) {
                outcomes.add(SendOutcome.transientFailure(0, e.getMessage()));
            }
        }
        return outcomes;
    }
}
