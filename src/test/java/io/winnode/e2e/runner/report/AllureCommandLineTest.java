package io.winnode.e2e.runner.report;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Finding the Allure command line. The bundled copy is the one the build unpacks into
 * {@code target/allure-commandline/} before the tests run (pom.xml, generate-resources).
 */
class AllureCommandLineTest {

    @TempDir
    Path tmp;

    @AfterEach
    void restoreHome() {
        System.clearProperty("winnode.home");
    }

    private static final Path BUNDLED = Path.of(AllureCommandLine.BUNDLED).toAbsolutePath().normalize();

    @Test
    void theBuildUnpacksTheCommandLineIntoTheCheckout() {
        AllureCommandLine cli = AllureCommandLine.locate(Optional.empty(), Map.<String, String>of()::get);

        assertThat(cli.home()).isEqualTo(BUNDLED);
        assertThat(AllureCommandLine.launcher(cli.home())).isExecutable();
        assertThat(cli.defaultPlugins()).contains("behaviors-plugin", "packages-plugin");
    }

    @Test
    void allureHomeReplacesTheBundledCopyAndTheOptionReplacesAllureHome() {
        Path other = BUNDLED;
        AllureCommandLine fromEnv = AllureCommandLine.locate(Optional.empty(), Map.of("ALLURE_HOME", other.toString())::get);
        AllureCommandLine fromOption = AllureCommandLine.locate(Optional.of(other),
                Map.of("ALLURE_HOME", tmp.resolve("nothing-here").toString())::get);

        assertThat(fromEnv.home()).isEqualTo(other);
        assertThat(fromOption.home()).isEqualTo(other);
    }

    @Test
    void anAllureHomeWithoutTheLauncherNamesTheVariableAndTheFix() {
        assertThatThrownBy(() -> AllureCommandLine.locate(Optional.empty(), Map.of("ALLURE_HOME", tmp.toString())::get))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("ALLURE_HOME=" + tmp)
                .hasMessageContaining("is not an Allure 2 installation")
                .hasMessageContaining("unset it");
    }

    @Test
    void aMissingBundledCopyNamesTheBuildThatUnpacksIt() throws Exception {
        Files.createDirectories(tmp.resolve("target"));
        System.setProperty("winnode.home", tmp.toString());

        assertThatThrownBy(() -> AllureCommandLine.locate(Optional.empty(), Map.<String, String>of()::get))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("The Allure command line is missing")
                .hasMessageContaining("mvn -B package")
                .hasMessageContaining("allure-commandline:" + AllureCommandLine.VERSION + ":zip");
    }
}
