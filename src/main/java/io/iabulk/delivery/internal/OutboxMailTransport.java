package io.iabulk.delivery.internal;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.MailSendException;
import io.iabulk.platform.PlatformProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * The embedded transport: every message becomes an {@code .eml} file in the outbox folder, written
 * to a temporary name and renamed, so a reader never sees half a message.
 */
@Component
@ConditionalOnExpression("'${spring.mail.host:}' == ''")
class OutboxMailTransport implements MailTransport {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private final MimeMessages messages;
    private final AtomicLong sequence = new AtomicLong();

    OutboxMailTransport(DeliveryProperties delivery, PlatformProperties platform, Clock clock, MimeMessages messages) {
        this.messages = messages;
        this.dir = delivery.outboxDir() != null
                ? delivery.outboxDir()
                : platform.dataDir().resolve("outbox");
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
            MimeMessage message = messages.build(envelope.mail());
            try {
                write(message);
                outcomes.add(SendOutcome.sent(messages.messageId(message)));
            } catch (MailSendException e) {
                outcomes.add(SendOutcome.transientFailure(0, e.getMessage()));
            }
        }
        return outcomes;
    }

    private void write(MimeMessage message) {
        try {
            Files.createDirectories(dir);
            String name = STAMP.format(clock.instant()) + "-" + sequence.incrementAndGet() + "-"
                    + ProcessHandle.current().pid();
            Path temporary = dir.resolve(name + ".tmp");
            try (OutputStream out = Files.newOutputStream(temporary)) {
                message.writeTo(out);
            }
            Files.move(temporary, dir.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | MessagingException e) {
            throw new MailSendException("Cannot write to the outbox " + dir + ": " + e.getMessage(), e, true);
        }
    }
}
