package io.iabulk.contacts.internal;

import static io.iabulk.support.ContestTestData.email;

import io.iabulk.support.H2Databases;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The staging and merge of an import on H2 (embedded mode), stepped by hand. */
class H2ImportMergeTest {

    private final DataSource dataSource = H2Databases.migrated();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final JdbcImportRepository imports = new JdbcImportRepository(jdbc, new JdbcTemplate(dataSource));

    @Test
    void theLinesOfARepeatedAddressFoldInFileOrderAndCountAsDuplicates() throws Exception {
        ImportScenario scenario = new ImportScenario(email("h2-stored"), email("h2-fresh"), email("h2-single"));

        ImportScenario.Run run = scenario.run(jdbc, imports, this::stage, scenario::stageAndMerge);

        scenario.assertMerged(run.merged(), jdbc);
    }

    @Test
    void statusesAPreviousMailerGaveSuppressTheAddresses() throws Exception {
        ImportScenario scenario = new ImportScenario(email("h2-unsub"), email("h2-bounced"), email("h2-subscribed"));

        ImportScenario.Run run = scenario.run(jdbc, imports, this::stage, scenario::stageStatusesAndMerge);

        scenario.assertStatusesMerged(run.merged(), jdbc);
    }

    private ImportStage stage(long importId) throws SQLException {
        return new H2ImportStage(dataSource.getConnection(), importId);
    }
}
