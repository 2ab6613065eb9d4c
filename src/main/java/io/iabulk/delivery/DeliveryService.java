package io.iabulk.delivery;

import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.MimeMessages;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Service;

/** The delivery module's facade: sends one message now through the configured transport. */
@Service
public class DeliveryService {

    private final MailTransport transport;
    private final MimeMessages messages;

    DeliveryService(MailTransport transport, MimeMessages messages) {
        this.transport = transport;
        this.messages = messages;
    }

    /**
     * Sends one message and returns its {@code Message-ID}.
     *
     * @throws MailSendException when the transport refuses it
     */
    public String send(OutgoingMail mail) {
        MimeMessage message = messages.build(mail);
        transport.send(message);
        return messages.messageId(message);
    }
}
