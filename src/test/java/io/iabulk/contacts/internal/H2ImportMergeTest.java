package io.iabulk.contacts.internal;

import static io.iabulk.support.ContestTestData.email;

import io.iabulk.support.H2Databases;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The staging and merge of an import on H2 (embedded mode), stepped by hand. */
class H2ImportMergeTest {

    @Test
    void theLinesOfARepeatedAddressFoldInFileOrderAndCountAsDuplicates() throws Exception {
        DataSource dataSource = H2Databases.migrated();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcImportRepository imports = new JdbcImportRepository(jdbc, new JdbcTemplate(dataSource));
        ImportScenario scenario = new ImportScenario(email("h2-stored"), email("h2-fresh"), email("h2-single"));
        scenario.storeContact(jdbc);
        long id = imports.create("h2.csv", 10, Instant.now());

        ImportStage.Merged merged;
        try (H2ImportStage stage = new H2ImportStage(dataSource.getConnection(), id)) {
            merged = scenario.stageAndMerge(stage, id);
        }

        scenario.assertMerged(merged, jdbc);
    }

    @Test
    void statusesAPreviousMailerGaveSuppressTheAddresses() throws Exception {
        DataSource dataSource = H2Databases.migrated();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        JdbcImportRepository imports = new JdbcImportRepository(jdbc, new JdbcTemplate(dataSource));
        ImportScenario scenario = new ImportScenario(email("h2-unsub"), email("h2-bounced"), email("h2-subscribed"));
        scenario.storeContact(jdbc);
        long id = imports.create("statuses.csv", 10, Instant.now());

        ImportStage.Merged merged;
        try (H2ImportStage stage = new H2ImportStage(dataSource.getConnection(), id)) {
            merged = scenario.stageStatusesAndMerge(stage);
        }

        scenario.assertStatusesMerged(merged, jdbc);
    }
}
