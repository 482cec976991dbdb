package io.winnode.e2e.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four rooms and their one-way doors: scenarios speak only to the framework and never know
 * the cluster is simulated; the framework knows neither scenarios, simulator nor runner; the
 * simulator never knows scenarios or the runner.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/io/winnode/e2e");

    @Test
    void scenariosNeverMentionTheSimulator() throws IOException {
        assertThat(filesMatching("scenarios", line -> line.toLowerCase(Locale.ROOT).contains("simulat"))).isEmpty();
    }

    @Test
    void scenariosImportOnlyTheFrameworkAndTestLibraries() throws IOException {
        assertThat(filesMatching("scenarios", line -> line.startsWith("import ")
                && line.contains("io.winnode.e2e.") && !line.contains("io.winnode.e2e.framework."))).isEmpty();
    }

    @Test
    void theFrameworkKnowsNoScenarioSimulatorOrRunner() throws IOException {
        assertThat(filesMatching("framework", ArchitectureTest::importsOuterRoom)).isEmpty();
    }

    @Test
    void theSimulatorKnowsNoScenarioOrRunner() throws IOException {
        assertThat(filesMatching("simulator", line -> line.startsWith("import ")
                && (line.contains("io.winnode.e2e.scenarios") || line.contains("io.winnode.e2e.runner")))).isEmpty();
    }

    private static boolean importsOuterRoom(String line) {
        return line.startsWith("import ") && (line.contains("io.winnode.e2e.scenarios")
                || line.contains("io.winnode.e2e.simulator") || line.contains("io.winnode.e2e.runner"));
    }

    private static List<String> filesMatching(String room, java.util.function.Predicate<String> offending) throws IOException {
        Path dir = MAIN.resolve(room);
        var hits = new ArrayList<String>();
        if (!Files.isDirectory(dir)) {
            return hits;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (offending.test(lines.get(i).strip())) {
                        hits.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return hits;
    }
}
