package io.iabulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep a green run honest: a test that needs the shared PostgreSQL or Redis goes
 * through {@code ServicesExtension} (skipped with a message on a laptop without them, a failure
 * with {@code CI=true}), and CI sets {@code CI=true} itself, so a missing server can never turn
 * two thirds of the suite into silent skips.
 */
class TestRulesTest {

    private static final Path TESTS = Path.of("src/test/java/io/iabulk");

    @Test
    void everyTestThatOpensTheSharedServersFollowsTheServicesRule() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(TESTS)) {
            offenders = files.filter(f -> f.toString().endsWith("Test.java"))
                    .filter(f -> contains(f, "jdbc:postgresql://localhost") || contains(f, "redis://localhost"))
                    .filter(f -> !contains(f, "@ExtendWith(ServicesExtension.class)")
                            && !contains(f, "@IntegrationTest")
                            && !contains(f, "extends HttpTest"))
                    .map(Path::toString)
                    .toList();
        }

        assertThat(offenders).isEmpty();
    }

    @Test
    void ciRunsWithCiSetSoMissingServersFailTheRun() throws IOException {
        String script = Files.readString(Path.of(".ci/run"));

        assertThat(script).contains("export CI=true");
        assertThat(script.indexOf("export CI=true")).isLessThan(script.indexOf("./mvnw"));
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
