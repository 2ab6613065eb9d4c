package io.iabulk.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One real SMTP server (GreenMail) for the whole test JVM; every integration test sends to it and
 * finds its own messages by their unique recipient.
 */
public final class TestMail {

    public static final int PORT = freePort();
    private static final GreenMail SERVER = start();

    private TestMail() {}

    /** Messages received for an address, waiting up to the timeout for at least {@code count}. */
    public static List<MimeMessage> awaitFor(String recipient, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> found = Arrays.stream(SERVER.getReceivedMessages())
                    .filter(m -> recipientIs(m, recipient))
                    .toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    /** Every message the server has received so far. */
    public static List<MimeMessage> all() {
        return Arrays.asList(SERVER.getReceivedMessages());
    }

    /** The decoded text/plain part of a message. */
    public static String textOf(MimeMessage message) {
        return partOf(message, "text/plain");
    }

    /** The decoded text/html part of a message. */
    public static String htmlOf(MimeMessage message) {
        String html = partOf(message, "text/html");
        assertThat(html).as("an HTML part").isNotNull();
        return html;
    }

    /** The decoded first part of the type, or null. */
    private static String partOf(MimeMessage message, String mimeType) {
        try {
            return partOf((jakarta.mail.Part) message, mimeType);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String partOf(jakarta.mail.Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = partOf(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The confirmation token in the last confirmation email sent to an address. */
    public static String confirmationToken(String recipient) {
        List<MimeMessage> messages = awaitFor(recipient, 1, Duration.ofSeconds(10));
        if (messages.isEmpty()) {
            throw new AssertionError("No email arrived for " + recipient);
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("/confirm/([A-Za-z0-9_-]+)").matcher(textOf(messages.getLast()));
        if (!m.find()) {
            throw new AssertionError("No confirmation link in the email to " + recipient);
        }
        return m.group(1);
    }

    private static boolean recipientIs(MimeMessage message, String recipient) {
        try {
            return Arrays.stream(message.getAllRecipients())
                    .anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
        } catch (Exception e) {
            return false;
        }
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
