package io.iabulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Fails the build on any dependency between modules that their declarations do not allow, and
 * keeps the module diagrams in {@code docs/modules/} up to date. Spring Modulith writes the
 * elements and relations of a diagram in no fixed order; the committed diagrams hold them sorted,
 * so they change only when the modules do.
 */
class ModularityTests {

    private static final Path GENERATED = Path.of("target/spring-modulith-docs");
    private static final Path COMMITTED = Path.of("docs/modules");
    /** A PlantUML element or relation line: {@code Component(…)}, {@code Rel(…)}. */
    private static final Pattern ELEMENT = Pattern.compile("^\\s*(\\w+)\\(");

    private final ApplicationModules modules = ApplicationModules.of(IaBulkApplication.class);

    @Test
    void modulesOnlyUseWhatTheyDeclare() {
        modules.verify();
    }

    @Test
    void writesTheModuleDiagramsInAStableOrder() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();

        Set<Path> written = diagrams(GENERATED);
        Files.createDirectories(COMMITTED);
        for (Path name : written) {
            String diagram = stable(Files.readString(GENERATED.resolve(name)));
            Path committed = COMMITTED.resolve(name);
            if (!Files.exists(committed) || !Files.readString(committed).equals(diagram)) {
                Files.writeString(committed, diagram);
            }
        }
        for (Path gone : diagrams(COMMITTED)) {
            if (!written.contains(gone)) {
                Files.delete(COMMITTED.resolve(gone));
            }
        }

        assertThat(written).contains(Path.of("components.puml"), Path.of("module-contests.puml"));
        assertThat(COMMITTED.resolve("module-contests.puml")).content().contains("Contests");
    }

    @Test
    void aStableDiagramDoesNotDependOnTheOrderItWasWrittenIn() {
        String diagram = """
                @startuml
                System_Boundary("app", "App") {
                  Component(App.B, "B")
                  Component(App.A, "A")
                }

                Rel(App.B, App.A, "uses")
                Rel(App.A, App.C, "uses")
                SHOW_LEGEND(true)
                @enduml""";
        String shuffled = """
                @startuml
                System_Boundary("app", "App") {
                  Component(App.A, "A")
                  Component(App.B, "B")
                }

                Rel(App.A, App.C, "uses")
                Rel(App.B, App.A, "uses")
                SHOW_LEGEND(true)
                @enduml""";

        assertThat(stable(diagram)).isEqualTo(stable(shuffled)).isEqualTo(shuffled);
    }

    /** The diagram with each run of like lines (elements, relations) sorted; all else in place. */
    static String stable(String plantUml) {
        List<String> lines = List.of(plantUml.split("(?<=\n)"));
        List<String> out = new ArrayList<>(lines.size());
        int i = 0;
        while (i < lines.size()) {
            String kind = kind(lines.get(i));
            int end = i + 1;
            while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
                end++;
            }
            List<String> run = new ArrayList<>(lines.subList(i, end));
            Collections.sort(run);
            out.addAll(run);
            i = end;
        }
        return String.join("", out);
    }

    private static String kind(String line) {
        Matcher element = ELEMENT.matcher(line);
        return element.find() && line.endsWith("\n") ? element.group(1) : null;
    }

    private static Set<Path> diagrams(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(Path::getFileName)
                    .filter(name -> name.toString().endsWith(".puml"))
                    .collect(Collectors.toSet());
        }
    }
}
