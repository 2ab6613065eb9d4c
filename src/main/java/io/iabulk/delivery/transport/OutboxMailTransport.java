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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded transport: every message becomes an {@code .eml} file in the outbox folder, written
 * to a temporary name and renamed, so a reader never sees half a message.
 */
class OutboxMailTransport implements MailTransport {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

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
                write(message);
                outcomes.add(SendOutcome.sent(message.messageId()));
            } catch (IOException e) {
                outcomes.add(SendOutcome.transientFailure(0, "Cannot write to the outbox " + dir + ": " + e));
            }
        }
        return outcomes;
    }

    private void write(WireMessage message) throws IOException {
        Files.createDirectories(dir);
        String name = STAMP.format(clock.instant()) + "-" + sequence.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        Path temporary = dir.resolve(name + ".tmp");
        Files.write(temporary, message.bytes());
        Files.move(temporary, dir.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
    }
}
