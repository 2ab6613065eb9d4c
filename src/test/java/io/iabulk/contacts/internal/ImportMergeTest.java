package io.iabulk.contacts.internal;

import static io.iabulk.support.ContestTestData.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.contacts.ImportStatus;
import io.iabulk.support.HttpTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The staging and merge of an import against the real PostgreSQL, stepped by hand. */
class ImportMergeTest extends HttpTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcImportRepository imports;

    @Autowired
    JdbcClient jdbc;

    private static ImportRows.Row row(long line, String address, String firstName) {
        var email = io.iabulk.contacts.EmailAddress.parse(address);
        return new ImportRows.Row(
                line,
                email.address(),
                email.normalized(),
                io.iabulk.platform.SecretTokens.sha256Hex(email.normalized()),
                firstName,
                null,
                null,
                null,
                "{\"plan\":\"pro\"}",
                null);
    }

    private long contactsWith(String address) {
        return jdbc.sql("SELECT count(*) FROM contacts WHERE email = :email")
                .param("email", address)
                .query(Long.class)
                .single();
    }

    @Test
    void anImportFailedWhileItWasMergingChangesNoContactAndLeavesNoStagingTable() throws Exception {
        String first = email("merge-a");
        String second = email("merge-b");
        long id = imports.create("x.csv", 10, Instant.now());
        Connection connection = dataSource.getConnection();
        try (PostgresImportStage stage = new PostgresImportStage(connection, id)) {
            stage.add(row(2, first, "A"));
            stage.add(row(3, second, "B"));
            // the reaper (or another instance) declares the import dead before the merge commits
            imports.jobs().fail(id, "interrupted", Instant.now());

            assertThatThrownBy(() -> stage.merge(2, 0, Instant.now()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("marked FAILED");
        }

        assertThat(contactsWith(first)).isZero();
        assertThat(contactsWith(second)).isZero();
        assertThat(imports.find(id).orElseThrow().status()).isEqualTo(ImportStatus.FAILED);
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = :name")
                        .param("name", ImportStage.table(id))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theLinesOfARepeatedAddressFoldInFileOrderAndCountAsDuplicates() throws Exception {
        ImportScenario scenario = new ImportScenario(email("pg-stored"), email("pg-fresh"), email("pg-single"));

        ImportScenario.Run run = scenario.run(jdbc, imports, this::stage, scenario::stageAndMerge);

        scenario.assertMerged(run.merged(), jdbc);
        assertThat(imports.find(run.id()).orElseThrow().duplicates()).isEqualTo(3);
    }

    @Test
    void statusesAPreviousMailerGaveSuppressTheAddresses() throws Exception {
        ImportScenario scenario = new ImportScenario(email("pg-unsub"), email("pg-bounced"), email("pg-subscribed"));

        ImportScenario.Run run = scenario.run(jdbc, imports, this::stage, scenario::stageStatusesAndMerge);

        scenario.assertStatusesMerged(run.merged(), jdbc);
    }

    private ImportStage stage(long importId) throws SQLException {
        return new PostgresImportStage(dataSource.getConnection(), importId);
    }

    @Test
    void theLastLineOfAnAddressWinsAndCountsAreByAddress() throws Exception {
        String address = email("merge-c");
        long id = imports.create("y.csv", 10, Instant.now());
        ImportStage.Merged merged;
        try (PostgresImportStage stage = new PostgresImportStage(dataSource.getConnection(), id)) {
            stage.add(row(2, address, "Early"));
            stage.add(row(3, address.toUpperCase(), "Late"));
            merged = stage.merge(2, 0, Instant.now());
        }

        assertThat(merged).isEqualTo(new ImportStage.Merged(1, 0, 0, 1));
        assertThat(jdbc.sql("SELECT first_name FROM contacts WHERE email = :email")
                        .param("email", address.toUpperCase())
                        .query(String.class)
                        .single())
                .isEqualTo("Late");
        assertThat(imports.find(id).orElseThrow().status()).isEqualTo(ImportStatus.FINISHED);
    }
}
