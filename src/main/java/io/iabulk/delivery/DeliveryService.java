package io.iabulk.delivery;

import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.SendOutcome;
import java.util.List;
import org.springframework.stereotype.Service;

/** The delivery module's facade: sends one message now through the configured transport. */
@Service
public class DeliveryService {

    private final MailTransport transport;

    DeliveryService(MailTransport transport) {
        this.transport = transport;
    }

    /**
     * Sends one message and returns its {@code Message-ID}.
     *
     * @throws MailSendException when the transport refuses it
     */
    public String send(OutgoingMail mail) {
        SendOutcome outcome = transport.send(List.of(new Envelope(0, mail))).getFirst();
        if (outcome.kind() != SendOutcome.Kind.SENT) {
            throw new MailSendException(
                    "The " + transport.name() + " transport refused the message: " + outcome.detail(),
                    null,
                    outcome.kind() == SendOutcome.Kind.TRANSIENT);
        }
        return outcome.providerMessageId();
    }
}
