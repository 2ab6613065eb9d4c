package io.iabulk.delivery.transport;

import io.iabulk.delivery.MailSendException;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.SendOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The embedded transport: every message becomes an {@code .eml} file in the outbox folder, written
 * to a temporary name and renamed, so a reader never sees half a message. A file is named by the
 * time (UTC), a sequence number, the process and the recipient, {@code
 * 20261126-020000-123-00000042-4711-ada@example.com.eml}: the names sort as the messages were
 * written and a person's mail is found by their address.
 */
class OutboxMailTransport implements MailTransport {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._@+-]");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern EDGE_DOTS = Pattern.compile("^\\.+|\\.+$");
    private static final int MAX_RECIPIENT = 64;

    private final Path dir;
    private final Clock clock;
    private final MimeMessages messages;
    private final AtomicLong sequence = new AtomicLong();

    OutboxMailTransport(Path dir, Clock clock, MimeMessages messages) {
        this.messages = messages;
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public List<SendOutcome> send(List<Envelope> batch) {
        List<SendOutcome> outcomes = new ArrayList<>(batch.size());
        for (Envelope envelope : batch) {
            WireMessage message;
            try {
                message = messages.render(envelope.mail());
            } catch (MailSendException e) {
                outcomes.add(SendOutcome.permanentFailure(0, e.getMessage()));
                continue;
            }
            try {
                write(envelope.mail().to(), message);
                outcomes.add(SendOutcome.sent(message.messageId()));
            } catch (IOException e) {
                outcomes.add(SendOutcome.transientFailure(0, "Cannot write to the outbox " + dir + ": " + e));
            }
        }
        return outcomes;
    }

    private void write(String recipient, WireMessage message) throws IOException {
        Files.createDirectories(dir);
        String name = fileName(
                clock.instant(),
                sequence.incrementAndGet(),
                ProcessHandle.current().pid(),
                recipient);
        Path temporary = dir.resolve(name + ".tmp");
        Files.write(temporary, message.bytes());
        Files.move(temporary, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The file name of a message. The sequence is zero-padded so that names written within one
     * millisecond sort in order too; the recipient keeps only {@code A-Z a-z 0-9 . _ @ + -} (any
     * other character becomes {@code _}, so no separator and no {@code ..} remain), at most 64 of
     * them: the name can never leave the folder nor pass a file system's 255-byte limit.
     */
    static String fileName(Instant at, long sequence, long pid, String recipient) {
        String safe = UNSAFE.matcher(recipient == null ? "" : recipient).replaceAll("_");
        safe = EDGE_DOTS.matcher(DOTS.matcher(safe).replaceAll("_")).replaceAll("");
        if (safe.length() > MAX_RECIPIENT) {
            safe = EDGE_DOTS.matcher(safe.substring(0, MAX_RECIPIENT)).replaceAll("");
        }
        if (safe.isEmpty()) {
            safe = "no-recipient";
        }
        return STAMP.format(at) + "-" + String.format("%08d", sequence % 100_000_000) + "-" + pid + "-" + safe + ".eml";
    }
}
