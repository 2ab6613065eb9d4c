package io.iabulk.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.SendOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbox files are named by time and recipient: sorted as sent, found by address, kept inside. */
class OutboxMailTransportTest {

    @TempDir
    Path dir;

    @Test
    void aMessageIsFoundByItsRecipientAndFilesSortAsTheyWereWritten() throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00.007Z"));
        OutboxMailTransport outbox = new OutboxMailTransport(dir, clock, TestMessages.messages());

        for (String to : List.of("zoe@example.com", "Bob.O'Brien+news@Example.com", "ada@example.com")) {
            assertThat(outbox.send(List.of(new Envelope(1, TestMessages.mail(to)))))
                    .extracting(SendOutcome::kind)
                    .containsExactly(SendOutcome.Kind.SENT);
        }
        clock.now.set(Instant.parse("2026-11-26T02:00:01Z"));
        outbox.send(List.of(new Envelope(2, TestMessages.mail("amy@example.com"))));

        List<String> names = names();
        assertThat(names).hasSize(4);
        assertThat(names.get(0)).startsWith("20261126-020000-007-").endsWith("-zoe@example.com.eml");
        assertThat(names.get(1)).endsWith("-Bob.O_Brien+news@Example.com.eml");
        assertThat(names.get(2)).endsWith("-ada@example.com.eml");
        assertThat(names.get(3)).startsWith("20261126-020001-000-").endsWith("-amy@example.com.eml");
        try (Stream<Path> found = Files.list(dir)) {
            assertThat(found.filter(f -> f.getFileName().toString().contains("ada@example.com")))
                    .singleElement()
                    .satisfies(f -> assertThat(Files.readString(f)).contains("To: ada@example.com"));
        }
    }

    @Test
    void aRecipientCannotLeaveTheFolderNorMakeANameTooLong() {
        Instant at = Instant.parse("2026-11-26T02:00:00Z");

        for (String to : List.of(
                "../../etc/passwd",
                "..\\..\\x@y",
                "a/b@c",
                "\u0000nul@x",
                "é@ü.example",
                ".",
                "..",
                "",
                "x".repeat(500) + "@example.com")) {
            String name = OutboxMailTransport.fileName(at, 42, 7, to);

            assertThat(name).as(to).matches("20261126-020000-000-00000042-7-[A-Za-z0-9._@+-]{1,64}\\.eml");
            assertThat(name).as(to).doesNotContain("..").doesNotContain("/").doesNotContain("\\");
            assertThat(Path.of("outbox").resolve(name).normalize().getParent()).isEqualTo(Path.of("outbox"));
        }
    }

    @Test
    void sequenceNumbersKeepOrderInsideOneMillisecond() {
        Instant at = Instant.parse("2026-11-26T02:00:00Z");

        assertThat(OutboxMailTransport.fileName(at, 9, 1, "a@x"))
                .isLessThan(OutboxMailTransport.fileName(at, 10, 1, "a@x"));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static final class MutableClock extends Clock {
        final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
