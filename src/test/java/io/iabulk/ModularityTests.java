package io.iabulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Fails the build on any dependency between modules that their declarations do not allow. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(IaBulkApplication.class);

    @Test
    void modulesOnlyUseWhatTheyDeclare() {
        modules.verify();
    }

    @Test
    void writesModuleDiagrams() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();

        assertThat(Path.of("docs/modules/components.puml")).isNotEmptyFile();
        assertThat(Path.of("docs/modules/module-contests.puml")).content().contains("Contests");
    }
}
