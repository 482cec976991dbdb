package io.winnode.e2e.runner.run;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.junitplatform.AllureJunitPlatform;
import io.winnode.e2e.foundation.yaml.YamlFiles;
import io.winnode.e2e.framework.report.Redactor;
import io.winnode.e2e.framework.report.ScrubbingResultsWriter;
import org.junit.platform.launcher.TestExecutionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The run's Allure results directory: one lifecycle that both the JUnit listener and
 * {@code Allure.step} in scenarios write to, plus the report-side files ({@code environment.properties},
 * {@code executor.json}) that tell a reader what the results were run against.
 */
public final class AllureResults {

    private final Path directory;
    private final AllureLifecycle lifecycle;

    private AllureResults(Path directory) {
        this.directory = directory;
        this.lifecycle = new AllureLifecycle(new ScrubbingResultsWriter(new FileSystemResultsWriter(directory), Redactor.run()));
    }

    /**
     * Creates the directory and removes the previous run's results from it (so a report shows one
     * run), keeping anything else there, such as a README or a copied {@code history/}.
     */
    public static AllureResults prepare(Path directory) {
        try {
            Files.createDirectories(directory);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith("-result.json") || name.endsWith("-container.json") || name.contains("-attachment")
                            || name.equals("environment.properties") || name.equals("executor.json")) {
                        Files.delete(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Allure results directory " + directory, e);
        }
        return new AllureResults(directory);
    }

    public Path directory() {
        return directory;
    }

    /** The JUnit listener that turns test events into Allure results in this directory. */
    public TestExecutionListener listener() {
        return new AllureJunitPlatform(lifecycle);
    }

    /** Routes {@code Allure.step}/attachments to this directory until the returned handle is closed. */
    public AutoCloseable install() {
        AllureLifecycle previous = Allure.getLifecycle();
        Allure.setLifecycle(lifecycle);
        return () -> Allure.setLifecycle(previous);
    }

    public void writeEnvironment(Map<String, String> environment) {
        var text = new StringBuilder();
        environment.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        write("environment.properties", text.toString());
    }

    /** Writes {@code executor.json} (the report's "Executor"): the CI job and build, or the local host. */
    public void writeExecutor(Function<String, String> env) {
        write("executor.json", YamlFiles.toJson(CiExecutor.describe(env)));
    }

    private void write(String name, String content) {
        try {
            Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + directory.resolve(name), e);
        }
    }

    // Values go into a .properties file; keep them on one line and keep backslashes literal.
    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
