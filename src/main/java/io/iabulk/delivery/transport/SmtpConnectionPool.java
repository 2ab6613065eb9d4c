package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.boot.mail.autoconfigure.MailProperties;

/**
 * A fixed set of persistent SMTP connections to one relay. A sender borrows one, sends any number
 * of messages over it and gives it back; a connection is opened lazily, renewed after {@code
 * max-messages-per-connection}, and dropped (to be reopened on its next use) when it breaks.
 */
final class SmtpConnectionPool implements AutoCloseable {

    private final Session session;
    private final String protocol;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final int maxMessages;
    private final Duration borrowTimeout;
    private final BlockingQueue<Connection> idle;
    private final AtomicLong opened = new AtomicLong();

    SmtpConnectionPool(MailProperties mail, DeliveryProperties.Smtp smtp) {
        this.protocol = mail.getProtocol() == null ? "smtp" : mail.getProtocol();
        this.host = mail.getHost();
        this.port = mail.getPort() == null ? -1 : mail.getPort();
        this.username = mail.getUsername();
        this.password = mail.getPassword();
        this.maxMessages = smtp.maxMessagesPerConnection();
        this.borrowTimeout = smtp.borrowTimeout();
        this.session = Session.getInstance(sessionProperties(protocol, mail, smtp));
        this.idle = new ArrayBlockingQueue<>(smtp.poolSize());
        for (int i = 0; i < smtp.poolSize(); i++) {
            idle.add(new Connection());
        }
    }

    static Properties sessionProperties(String protocol, MailProperties mail, DeliveryProperties.Smtp smtp) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.setProperty(
                prefix + "connectiontimeout",
                Long.toString(smtp.connectTimeout().toMillis()));
        properties.setProperty(
                prefix + "timeout", Long.toString(smtp.readTimeout().toMillis()));
        properties.setProperty(
                prefix + "writetimeout", Long.toString(smtp.writeTimeout().toMillis()));
        // closing a pooled connection should not wait for the relay's goodbye
        properties.setProperty(prefix + "quitwait", "false");
        if (smtp.startTls()) {
            properties.setProperty(prefix + "starttls.enable", "true");
        }
        if (smtp.requireStartTls()) {
            properties.setProperty(prefix + "starttls.required", "true");
        }
        if (mail.getUsername() != null && !mail.getUsername().isBlank()) {
            properties.setProperty(prefix + "auth", "true");
        }
        // spring.mail.properties.* last, so an operator can override any of the above
        for (Map.Entry<String, String> entry : mail.getProperties().entrySet()) {
            properties.setProperty(entry.getKey(), entry.getValue());
        }
        return properties;
    }

    /** Connections opened so far (for metrics and tests). */
    long opened() {
        return opened.get();
    }

    /** A connection for the caller's exclusive use, or null when none became free in time. */
    Connection borrow() throws InterruptedException {
        return idle.poll(borrowTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void release(Connection connection) {
        idle.add(connection);
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            connection.drop();
        }
    }

    /** One SMTP connection; used by one thread at a time. */
    final class Connection {

        private SMTPTransport transport;
        private int sent;

        /** Opens the connection when it is not open; true when it was opened by this call. */
        boolean open() throws MessagingException {
            // no NOOP probe (SMTPTransport.isConnected sends one): a connection that broke is
            // dropped when it fails, and one the relay closed while idle is retried by the caller
            if (transport != null && sent < maxMessages) {
                return false;
            }
            drop();
            SMTPTransport fresh = transport();
            fresh.connect(host, port, blankToNull(username), blankToNull(password));
            opened.incrementAndGet();
            transport = fresh;
            sent = 0;
            return true;
        }

        /** Sends one message; an exception leaves the connection for the caller to judge. */
        void send(WireMessage message) throws MessagingException {
            Address[] to = {new InternetAddress(message.recipient(), false)};
            transport.sendMessage(new PreparedMessage(session, message), to);
            sent++;
        }

        /** Closes the connection; the next {@link #open()} makes a new one. */
        void drop() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException | RuntimeException e) {
                    // already gone: nothing to do
                }
                transport = null;
            }
        }

        private SMTPTransport transport() throws NoSuchProviderException {
            return (SMTPTransport) session.getTransport(protocol);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * A message whose bytes are already final (signed): Jakarta Mail writes them as they are
     * instead of serialising headers and parts again.
     */
    static final class PreparedMessage extends SMTPMessage {

        private final byte[] bytes;

        PreparedMessage(Session session, WireMessage message) {
            super(session);
            this.bytes = message.bytes();
            setEnvelopeFrom(message.envelopeFrom());
        }

        @Override
        public void writeTo(OutputStream out, String[] ignoreList) throws IOException {
            out.write(bytes);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public int getSize() {
            return bytes.length;
        }
    }
}
