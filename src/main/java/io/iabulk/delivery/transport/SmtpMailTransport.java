package io.iabulk.delivery.transport;

import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.SendOutcome;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the SMTP relay of {@code spring.mail.*} over a pool of persistent connections: a
 * batch borrows one connection and sends all its messages over it, so a handful of workers keep a
 * handful of connections busy instead of opening one per message.
 */
class SmtpMailTransport implements MailTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpMailTransport.class);

    private final SmtpConnectionPool pool;
    private final MimeMessages messages;

    SmtpMailTransport(SmtpConnectionPool pool, MimeMessages messages) {
        this.pool = pool;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<SendOutcome> send(List<Envelope> batch) {
        List<SendOutcome> outcomes = new ArrayList<>(batch.size());
        SmtpConnectionPool.Connection connection;
        try {
            connection = pool.borrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unsent(outcomes, batch, "interrupted while waiting for an SMTP connection");
        }
        if (connection == null) {
            return unsent(outcomes, batch, "no SMTP connection became free in time");
        }
        try {
            for (Envelope envelope : batch) {
                WireMessage message;
                try {
                    message = messages.render(envelope.mail());
                } catch (MailSendException e) {
                    outcomes.add(SendOutcome.permanentFailure(0, e.getMessage()));
                    continue;
                }
                try {
                    outcomes.add(send(connection, message));
                } catch (Unreachable e) {
                    return unsent(outcomes, batch, e.getMessage());
                }
            }
            return outcomes;
        } finally {
            pool.release(connection);
        }
    }

    /** One message. */
    private SendOutcome send(SmtpConnectionPool.Connection connection, WireMessage message) throws Unreachable {
        boolean fresh;
        try {
            fresh = connection.open();
        } catch (MessagingException | RuntimeException e) {
            log.warn("Cannot connect to the SMTP relay: {}", e.toString());
            connection.drop();
            throw new Unreachable("cannot connect to the SMTP relay: " + SmtpReplies.describe(e));
        }
        SmtpReplies.Failure failure = attempt(connection, message);
        if (failure == null) {
            return SendOutcome.sent(message.messageId());
        }
        if (failure.connectionBroken() && !fresh && failure.outcome().code() == 0) {
            // a pooled connection the relay closed while it sat idle: once more on a new one
            try {
                connection.open();
            } catch (MessagingException | RuntimeException e) {
                connection.drop();
                return failure.outcome();
            }
            failure = attempt(connection, message);
            if (failure == null) {
                return SendOutcome.sent(message.messageId());
            }
        }
        return failure.outcome();
    }

    private static SmtpReplies.Failure attempt(SmtpConnectionPool.Connection connection, WireMessage message) {
        try {
            connection.send(message);
            return null;
        } catch (MessagingException | RuntimeException e) {
            SmtpReplies.Failure failure = SmtpReplies.classify(e);
            if (failure.connectionBroken()) {
                connection.drop();
            }
            return failure;
        }
    }

    private static List<SendOutcome> unsent(List<SendOutcome> outcomes, List<Envelope> batch, String why) {
        while (outcomes.size() < batch.size()) {
            outcomes.add(SendOutcome.transientFailure(0, why));
        }
        return outcomes;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** No connection to the relay could be opened: the rest of the batch waits for a retry. */
    private static final class Unreachable extends Exception {

        Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
