package io.iabulk.contacts.internal;

import io.iabulk.contacts.ContactImport;
import io.iabulk.contacts.ContactsProperties;
import io.iabulk.platform.Databases;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.TooManyRequestsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs CSV imports in the background on a bounded pool: reads the spooled file line by line,
 * rejects invalid lines with a reason, stages the valid ones and merges them in one transaction
 * (see {@link ImportStage}). Counters are published every {@code progressEvery} lines.
 */
@Component
public class ContactImporter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);
    private static final int REJECTION_BATCH = 1000;

    private final DataSource dataSource;
    private final JdbcImportRepository imports;
    private final ContactsProperties.Imports settings;
    private final Clock clock;
    private final ThreadPoolExecutor executor;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final boolean postgres;

    ContactImporter(DataSource dataSource, JdbcImportRepository imports, ContactsProperties properties, Clock clock) {
        this.dataSource = dataSource;
        this.imports = imports;
        this.settings = properties.imports();
        this.clock = clock;
        this.postgres = Databases.isPostgres(dataSource);
        AtomicInteger threads = new AtomicInteger();
        // platform threads: an import is CPU-bound (parsing, hashing) and holds one connection
        this.executor = new ThreadPoolExecutor(
                settings.concurrency(),
                settings.concurrency(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, settings.queueCapacity())),
                runnable -> {
                    Thread thread = new Thread(runnable, "contact-import-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Checks the header of a spooled upload (400 when unusable), records the import and queues it.
     * From then on the file belongs to the import, which deletes it when done; on an exception it is
     * still the caller's.
     */
    public ContactImport start(Path file, String fileName, long size, String status) {
        String fileStatus;
        try {
            fileStatus = ImportRows.status(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", e.getMessage());
        }
        ImportHeader header = ImportHeader.read(file);
        long id = imports.create(fileName, size, Instant.now(clock));
        running.add(id);
        try {
            executor.execute(() -> run(id, file, header, fileStatus));
        } catch (RejectedExecutionException e) {
            running.remove(id);
            imports.delete(id);
            throw new TooManyRequestsException(30);
        }
        return imports.find(id).orElseThrow();
    }

    /** Ids of the imports this instance is running, for their heartbeat. */
    Set<Long> running() {
        return Set.copyOf(running);
    }

    void run(long id, Path file, ImportHeader header, String fileStatus) {
        try {
            process(id, file, header, fileStatus);
        } catch (Exception | Error e) {
            log.warn("Import {} failed", id, e);
            try {
                imports.jobs().fail(id, describe(e), Instant.now(clock));
            } catch (RuntimeException unrecorded) {
                // the database is unreachable: the reaper fails the import once its heartbeat is stale
                log.warn("Could not record the failure of import {}", id, unrecorded);
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

    private void process(long id, Path file, ImportHeader header, String fileStatus) throws IOException, SQLException {
        long started = System.nanoTime();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        Connection connection = dataSource.getConnection();
        try (ImportStage stage =
                        postgres ? new PostgresImportStage(connection, id) : new H2ImportStage(connection, id);
                CsvRecords records = new CsvRecords(
                        new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 20))) {
            records.next(); // the header, checked when the upload was accepted
            ImportRows rows = new ImportRows(header, fileStatus);
            List<ImportRows.Rejection> rejected = new ArrayList<>();
            long processed = 0;
            long invalid = 0;
            for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
                processed++;
                Object row = rows.read(record);
                if (row instanceof ImportRows.Row valid) {
                    stage.add(valid);
                } else {
                    invalid++;
                    rejected.add((ImportRows.Rejection) row);
                    if (rejected.size() == REJECTION_BATCH) {
                        imports.reject(id, rejected);
                        rejected.clear();
                    }
                }
                if (processed % settings.progressEvery() == 0) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("interrupted: the instance is shutting down");
                    }
                    imports.progress(id, processed, invalid, Instant.now(clock));
                }
            }
            imports.reject(id, rejected);
            imports.progress(id, processed, invalid, Instant.now(clock));
            long staged = System.nanoTime();
            ImportStage.Merged merged = stage.merge(processed, invalid, Instant.now(clock));
            log.info(
                    "Import {} finished: {} lines, {} created, {} updated, {} suppressed, {} invalid, {} duplicates;"
                            + " read and staged in {} ms, merged in {} ms",
                    id,
                    processed,
                    merged.created(),
                    merged.updated(),
                    merged.suppressed(),
                    invalid,
                    merged.duplicates(),
                    (staged - started) / 1_000_000,
                    (System.nanoTime() - staged) / 1_000_000);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void destroy() {
        // running imports are interrupted; they fail and roll back, and their uploads are deleted
        executor.shutdownNow();
    }
}
