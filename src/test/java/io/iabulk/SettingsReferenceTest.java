package io.iabulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README names every setting the service reads: the configuration processor lists them from
 * the properties records (META-INF/spring-configuration-metadata.json), and a setting added without
 * a line in the README fails here. {@code scripts/settings-reference.py} prints the tables.
 */
class SettingsReferenceTest {

    @Test
    void everyIabulkSettingIsInTheReadme() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        String readme = Files.readString(Path.of("README.md"));

        List<String> settings = StreamSupport.stream(metadata.get("properties").spliterator(), false)
                .map(property -> property.get("name").asString())
                .filter(name -> name.startsWith("iabulk.") && !name.equals("iabulk.platform.mode"))
                .toList();

        assertThat(settings).hasSizeGreaterThan(100);
        assertThat(settings).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
    }
}
