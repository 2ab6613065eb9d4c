package io.iabulk.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar run as its own process, the way an operator runs it. */
public final class JarProcess {

    private final Path workDir;
    private final Path log;
    private final Process process;
    public final int port;

    private JarProcess(Path workDir, Path log, Process process, int port) {
        this.workDir = workDir;
        this.log = log;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code java -Xmx512m -jar target/iabulk.jar} in a folder with a clean environment plus
     * {@code env}, on a free port, and waits until it serves.
     */
    public static JarProcess start(Path workDir, String logName, Map<String, String> env) throws Exception {
        Path jar =
                Path.of(System.getProperty("iabulk.jar", "target/iabulk.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new AssertionError("run 'mvnw verify' so the jar is packaged first: " + jar);
        }
        int port = freePort();
        Path log = workDir.resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", jar.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // a clean environment: only what the test sets switches production features on
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("IABULK_"));
        builder.environment().putAll(env);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        JarProcess app = new JarProcess(workDir, log, builder.start(), port);
        app.awaitLog(Pattern.compile("(IA Bulk is running)"), Duration.ofSeconds(120));
        return app;
    }

    public Api api() {
        return Api.at(port);
    }

    /** The first group of the first match of the pattern in the log, waiting for it. */
    public String awaitLog(Pattern pattern, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(log());
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("The application exited:\n" + log());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The application did not get there in time:\n" + log());
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A graceful stop (SIGTERM), forced after 30 s. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public Path workDir() {
        return workDir;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
