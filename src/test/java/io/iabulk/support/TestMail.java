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
        try {
            return textOf((jakarta.mail.Part) message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = textOf(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
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

    /** The decoded text/html part of a message. */
    public static String htmlOf(MimeMessage message) {
        try {
            String html = htmlOf((jakarta.mail.Part) message);
            assertThat(html).as("an HTML part").isNotNull();
            return html;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String htmlOf(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/html")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String html = htmlOf(multipart.getBodyPart(i));
                if (html != null) {
                    return html;
                }
            }
        }
        return null;
    }
}
