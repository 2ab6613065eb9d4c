package io.iabulk.contacts.internal;

import io.iabulk.contacts.ContactsProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the heartbeat of this instance's running imports and fails the imports whose instance died
 * ({@link io.iabulk.platform.UploadJobRows}): a RUNNING import without a heartbeat for {@code
 * staleAfter} is marked FAILED and its staging table dropped (its upload died with the instance, so
 * it cannot be resumed; the operator uploads again, which is safe: imports are upserts).
 */
@Component
public class ImportReaper {

    private static final Logger log = LoggerFactory.getLogger(ImportReaper.class);

    private final ContactImporter importer;
    private final JdbcImportRepository imports;
    private final DataSource dataSource;
    private final ContactsProperties.Imports settings;
    private final Clock clock;

    ImportReaper(
            ContactImporter importer,
            JdbcImportRepository imports,
            DataSource dataSource,
            ContactsProperties properties,
            Clock clock) {
        this.importer = importer;
        this.imports = imports;
        this.dataSource = dataSource;
        this.settings = properties.imports();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${iabulk.contacts.imports.heartbeat:20s}", initialDelay = 1_000)
    void tick() {
        runOnce();
    }

    /** Renews this instance's heartbeats, then fails stale imports; returns the ids it failed. */
    public List<Long> runOnce() {
        Instant now = Instant.now(clock);
        List<Long> failed = imports.jobs().reap(importer.running(), now.minus(settings.staleAfter()), now);
        failed.forEach(this::dropStage);
        if (!failed.isEmpty()) {
            log.warn("Marked interrupted imports FAILED: {}", failed);
        }
        return failed;
    }

    private void dropStage(long id) {
        try (Connection connection = dataSource.getConnection()) {
            ImportStage.drop(connection, id);
        } catch (SQLException e) {
            log.warn("Could not drop the staging table of import {}", id, e);
        }
    }
}
