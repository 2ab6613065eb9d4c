package io.iabulk.intelligence.history;

import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.TooManyRequestsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs engagement history imports in the background (docs/decisions/0020). The upload's first line
 * is checked before anything is stored (a bad header or a body that is not NDJSON is a 400 and
 * leaves nothing behind); then one thread reads and checks the lines while another resolves each
 * batch's addresses to contacts (one query through the contacts module) and upserts the batch (one
 * statement), committed on its own: at most two batches are in memory, whatever the file's size.
 */
@Component
class HistoryImporter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HistoryImporter.class);

    private final Function<Collection<EmailAddress>, Map<String, Long>> contactIds;
    private final JdbcHistoryImports imports;
    private final HistoryImportProperties settings;
    private final Clock clock;
    private final ThreadPoolExecutor readers;
    private final ExecutorService writers;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    @Autowired
    HistoryImporter(
            ContactService contacts, JdbcHistoryImports imports, HistoryImportProperties settings, Clock clock) {
        this(contacts::idsByEmail, imports, settings, clock);
    }

    /**
     * @param contactIds contact ids by normalised address of a batch of addresses (unknown and
     *     erased ones absent)
     */
    HistoryImporter(
            Function<Collection<EmailAddress>, Map<String, Long>> contactIds,
            JdbcHistoryImports imports,
            HistoryImportProperties settings,
            Clock clock) {
        this.contactIds = contactIds;
        this.imports = imports;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.readers = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity())),
                runnable -> daemon(runnable, "history-import-" + threads.incrementAndGet()));
        this.writers = Executors.newFixedThreadPool(
                settings.concurrency(), runnable -> daemon(runnable, "history-write-" + threads.incrementAndGet()));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Checks the first line of a spooled upload (400 when unusable), records the import and queues
     * it. From then on the file belongs to the import, which deletes it when done; when this method
     * throws, it is still the caller's.
     */
    HistoryImport start(Path file, String fileName, long size, HistoryRows.Format format) {
        Instant now = clock.instant();
        HistoryRows rows = firstLine(file, format, now.plus(settings.clockSkew()));
        long id = imports.create(format, fileName, size, now);
        running.add(id);
        try {
            readers.execute(() -> run(id, file, rows));
        } catch (RejectedExecutionException e) {
            running.remove(id);
            imports.delete(id);
            throw new TooManyRequestsException(30);
        }
        return imports.find(id).orElseThrow();
    }

    HistoryImport find(long id) {
        return imports.find(id).orElseThrow(() -> new NotFoundException("History import", id));
    }

    void rejections(long id, JdbcHistoryImports.RejectionHandler handler) {
        imports.rejections(id, handler);
    }

    private HistoryRows firstLine(Path file, HistoryRows.Format format, Instant latest) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BoundedLines lines = new BoundedLines(
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 64 * 1024),
                settings.maxLineLength())) {
            String first = lines.next();
            if (format == HistoryRows.Format.CSV) {
                if (first == null || first.isBlank()) {
                    throw new InvalidRequestException(
                            "file", "is empty; the first line must be a header naming email, messageId and sentAt");
                }
                return HistoryRows.csv(first, latest);
            }
            while (first != null && first != BoundedLines.TOO_LONG && first.isBlank()) {
                first = lines.next();
            }
            return HistoryRows.ndjson(first, latest);
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("file", "is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids of the imports this instance runs, for their heartbeat. */
    Set<Long> running() {
        return Set.copyOf(running);
    }

    void run(long id, Path file, HistoryRows rows) {
        try {
            process(id, file, rows);
        } catch (Exception | Error e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("History import {} failed", id, cause);
            try {
                imports.jobs().fail(id, describe(cause), clock.instant());
            } catch (RuntimeException unrecorded) {
                log.warn("Could not record the failure of history import {}", id, unrecorded);
            }
        } finally {
            running.remove(id);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete the upload {}", file, e);
            }
        }
    }

    /** What the reading thread hands the writing one. */
    private record Batch(List<HistoryRows.Row> rows, List<HistoryRows.Rejection> rejected, long processed) {}

    private void process(long id, Path file, HistoryRows rows) throws IOException {
        long started = System.nanoTime();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Counters counters = new Counters();
        CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);
        Instant importedAt = clock.instant();
        try (BoundedLines lines = new BoundedLines(
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 20),
                settings.maxLineLength())) {
            if (rows.format() == HistoryRows.Format.CSV) {
                lines.next(); // the header, checked when the upload was accepted
            }
            List<HistoryRows.Row> batch = new ArrayList<>(settings.batchSize());
            List<HistoryRows.Rejection> rejected = new ArrayList<>();
            long processed = 0;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line != BoundedLines.TOO_LONG && line.isBlank()) {
                    continue;
                }
                processed++;
                Object read = rows.read(lines.number(), line);
                if (read instanceof HistoryRows.Row row) {
                    batch.add(row);
                } else {
                    rejected.add((HistoryRows.Rejection) read);
                }
                if (batch.size() == settings.batchSize() || rejected.size() == settings.batchSize()) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("interrupted: the instance is shutting down");
                    }
                    pending.join(); // one batch written while the next is read
                    Batch handed = new Batch(batch, rejected, processed);
                    pending = CompletableFuture.runAsync(() -> write(id, handed, counters, importedAt), writers);
                    batch = new ArrayList<>(settings.batchSize());
                    rejected = new ArrayList<>();
                }
            }
            pending.join();
            write(id, new Batch(batch, rejected, processed), counters, importedAt);
            imports.finish(id, processed, counters.imported.get(), counters.invalid.get(), clock.instant());
            log.info(
                    "History import {} finished: {} lines, {} imported, {} rejected in {} ms",
                    id,
                    processed,
                    counters.imported.get(),
                    counters.invalid.get(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | IOException e) {
            pending.exceptionally(ignored -> null).join(); // no write after the failure is recorded
            throw e;
        }
    }

    private static final class Counters {
        final AtomicLong imported = new AtomicLong();
        final AtomicLong invalid = new AtomicLong();
    }

    /** Resolves a batch's addresses, stores its rejections and upserts its rows. */
    private void write(long id, Batch batch, Counters counters, Instant importedAt) {
        List<HistoryRows.Rejection> rejected = new ArrayList<>(batch.rejected());
        List<JdbcHistoryImports.Resolved> resolved =
                new ArrayList<>(batch.rows().size());
        if (!batch.rows().isEmpty()) {
            Set<EmailAddress> emails = new HashSet<>();
            batch.rows().forEach(row -> emails.add(row.email()));
            Map<String, Long> ids = contactIds.apply(emails);
            // the last line of a (contact, messageId) wins, as it would in separate batches
            Map<Key, Integer> seen = new HashMap<>();
            for (HistoryRows.Row row : batch.rows()) {
                Long contact = ids.get(row.email().normalized());
                if (contact == null) {
                    rejected.add(new HistoryRows.Rejection(
                            row.line(),
                            HistoryRows.Reason.UNKNOWN_CONTACT,
                            "no contact has this address: import contacts first",
                            row.email().address(),
                            row.messageId()));
                    continue;
                }
                JdbcHistoryImports.Resolved entry = new JdbcHistoryImports.Resolved(contact, row);
                Integer earlier = seen.put(new Key(contact, row.messageId()), resolved.size());
                if (earlier != null) {
                    resolved.set(earlier, null);
                }
                resolved.add(entry);
            }
            resolved.removeIf(java.util.Objects::isNull);
        }
        imports.reject(id, rejected);
        imports.upsert(resolved, importedAt);
        long invalid = counters.invalid.addAndGet(rejected.size());
        long imported = counters.imported.addAndGet(
                batch.rows().size() - (rejected.size() - batch.rejected().size()));
        imports.progress(id, batch.processed(), imported, invalid, clock.instant());
    }

    private record Key(long contactId, String messageId) {}

    @Scheduled(fixedDelayString = "${iabulk.intelligence.history.heartbeat:20s}", initialDelay = 1_000)
    void tick() {
        reap();
    }

    /** Renews this instance's heartbeats, then fails imports whose instance died; returns those. */
    List<Long> reap() {
        Instant now = clock.instant();
        List<Long> failed = imports.jobs().reap(running(), now.minus(settings.staleAfter()), now);
        if (!failed.isEmpty()) {
            log.warn("Marked interrupted history imports FAILED: {}", failed);
        }
        return failed;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
        writers.shutdownNow();
    }
}
