package io.iabulk.delivery.internal;

import io.iabulk.delivery.MailSendException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends through the SMTP relay configured with {@code SPRING_MAIL_HOST}/{@code SPRING_MAIL_PORT}. */
@Component
@ConditionalOnProperty("spring.mail.host")
class SmtpMailTransport implements MailTransport {

    private final JavaMailSender sender;

    SmtpMailTransport(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public void send(MimeMessage message) {
        try {
            sender.send(message);
        } catch (MailException e) {
            throw new MailSendException("The SMTP relay refused the message: " + e.getMessage(), e, true);
        }
    }
}
