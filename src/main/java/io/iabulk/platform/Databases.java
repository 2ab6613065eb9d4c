package io.iabulk.platform;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;

/** Which database engine backs a data source, for the few statements written per engine. */
public final class Databases {

    private Databases() {}

    /** Whether the data source is PostgreSQL (otherwise it is the embedded H2). */
    public static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return product.toLowerCase(Locale.ROOT).contains("postgres");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot tell which database engine backs the data source", e);
        }
    }
}
