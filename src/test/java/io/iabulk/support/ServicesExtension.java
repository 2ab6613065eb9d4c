package io.iabulk.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Integration tests run against the real PostgreSQL and Redis on localhost. Each test JVM works in
 * a schema of its own (dropped when the JVM ends) and a Redis key prefix of its own, so runs never
 * see each other's data. With {@code CI=true} a missing server fails the run; elsewhere the tests
 * are skipped with a message saying what to start.
 */
public class ServicesExtension implements ExecutionCondition {

    public static final String SCHEMA = "it_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis();
    static final String ADMIN_URL = "jdbc:postgresql://localhost:5432/test";
    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));
    private static volatile String missing;

    static {
        System.setProperty("iabulk.test.schema", SCHEMA);
        System.setProperty("iabulk.test.smtp-port", Integer.toString(TestMail.PORT));
        missing = probe();
        if (missing == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                dropSchema();
                dropRedisKeys();
            }));
            dropStaleSchemas();
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (missing == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL and Redis are up");
        }
        String message = missing + " is not reachable on localhost; start it (see .ci/run) to run this test";
        if (CI) {
            throw new IllegalStateException(message);
        }
        return ConditionEvaluationResult.disabled(message);
    }

    private static String probe() {
        List<String> down = new ArrayList<>();
        if (!reachable(5432)) {
            down.add("PostgreSQL (5432)");
        }
        if (!reachable(6379)) {
            down.add("Redis (6379)");
        }
        return down.isEmpty() ? null : String.join(" and ", down);
    }

    static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void dropSchema() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        } catch (SQLException e) {
            System.err.println("Could not drop test schema " + SCHEMA + ": " + e.getMessage());
        }
    }

    /** The Redis keys this JVM wrote (leaderboards, rate-limit counters). */
    private static void dropRedisKeys() {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            var redis = connection.sync();
            io.lettuce.core.ScanArgs match = io.lettuce.core.ScanArgs.Builder.matches("iabulk-it:" + SCHEMA + ":*")
                    .limit(1_000);
            io.lettuce.core.KeyScanCursor<String> cursor = redis.scan(match);
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    redis.del(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    break;
                }
                cursor = redis.scan(cursor, match);
            }
        } catch (RuntimeException e) {
            System.err.println("Could not delete the test keys in Redis: " + e.getMessage());
        } finally {
            client.shutdown();
        }
    }

    /** Schemas of test JVMs that died without cleaning up (older than an hour). */
    private static void dropStaleSchemas() {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", "");
                Statement s = c.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'it\\_%\\_%'")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String[] parts = name.split("_");
                    if (parts.length == 3 && parts[2].matches("\\d+") && Long.parseLong(parts[2]) < hourAgo) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("Could not clean old test schemas: " + e.getMessage());
        }
    }
}
