package io.winnode.e2e.runner.report;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Allure 2 command line that turns results into the HTML report: by default the copy the build
 * unpacks from Maven Central ({@code target/allure-commandline/allure-VERSION}, see pom.xml), else
 * an installation named by {@code --allure} or {@code ALLURE_HOME}. It runs as a child process
 * whose output is kept for the error message.
 */
public final class AllureCommandLine {

    /** The allure-commandline version pom.xml unpacks ({@code allure.commandline.version}). */
    static final String VERSION = "2.34.0";
    /** Where the build unpacks it, relative to the checkout. */
    public static final String BUNDLED = "target/allure-commandline/allure-" + VERSION;
    /** A generation of a few hundred results takes seconds; this only stops a hung JVM. */
    static final Duration LIMIT = Duration.ofMinutes(10);

    /** What a finished generation printed and how long it took. */
    record Run(String output, Duration took) {
    }

    /** The command line ran but did not produce a report; {@code output} is what it printed. */
    public static final class GenerationFailed extends RuntimeException {

        private final String output;

        public GenerationFailed(String message, String output) {
            super(message);
            this.output = output;
        }

        String output() {
            return output;
        }

        /** The failure and what the command line printed, for the terminal. */
        public String describe() {
            return "the Allure command line failed: " + getMessage() + ". Its output:\n"
                    + (output.isBlank() ? "(none)" : output.strip());
        }
    }

    private final Path home;

    private AllureCommandLine(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /**
     * Finds the command line: {@code override} (the {@code --allure} option) first, then the
     * {@code ALLURE_HOME} variable, then the bundled copy under the checkout.
     */
    public static AllureCommandLine locate(Optional<Path> override, Function<String, String> env) {
        if (override.isPresent()) {
            return at(override.get(), "--allure " + override.get());
        }
        String allureHome = env.apply("ALLURE_HOME");
        if (allureHome != null && !allureHome.isBlank()) {
            return at(Path.of(allureHome), "ALLURE_HOME=" + allureHome);
        }
        Path bundled = ProjectFiles.home().resolve(BUNDLED);
        if (!Files.isRegularFile(launcher(bundled))) {
            throw new InvalidInputException("The Allure command line is missing: no " + launcher(bundled) + ". The build "
                    + "unpacks it from Maven Central's io.qameta.allure:allure-commandline:" + VERSION + ":zip; run "
                    + "'mvn -B package -DskipTests' once with network access (or delete target/ and run ./winnode again), "
                    + "or point ALLURE_HOME (or --allure) at an Allure 2 installation.");
        }
        return new AllureCommandLine(bundled);
    }

    private static AllureCommandLine at(Path home, String origin) {
        Path absolute = home.toAbsolutePath().normalize();
        if (!Files.isRegularFile(launcher(absolute))) {
            throw new InvalidInputException(origin + " is not an Allure 2 installation: " + launcher(absolute)
                    + " does not exist. Point it at the folder that holds bin/ and lib/ (e.g. " + BUNDLED + "), "
                    + "or unset it to use the bundled copy.");
        }
        return new AllureCommandLine(absolute);
    }

    /** {@code bin/allure}, or {@code bin\allure.bat} on Windows. */
    static Path launcher(Path home) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return home.resolve("bin").resolve(windows ? "allure.bat" : "allure");
    }

    /** The {@code plugins:} the installation enables by default ({@code config/allure.yml}). */
    List<String> defaultPlugins() {
        Path config = home.resolve("config").resolve("allure.yml");
        if (!Files.isRegularFile(config)) {
            return List.of();
        }
        PluginConfig read = YamlFiles.read(config, PluginConfig.class);
        return read.plugins() == null ? List.of() : read.plugins();
    }

    /** The shape of Allure's {@code allure.yml}. */
    record PluginConfig(List<String> plugins) {
    }

    /**
     * Runs {@code allure generate RESULTS -o REPORT --clean --config CONFIG}; the report directory is
     * wiped first (its history must have been saved before).
     */
    Run generate(Path results, Path report, Path config) {
        List<String> command = new ArrayList<>(List.of(launcher(home).toString(), "generate",
                results.toAbsolutePath().toString(), "-o", report.toAbsolutePath().toString(), "--clean",
                "--config", config.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The launcher looks for java through JAVA_HOME, then PATH; the JVM running winnode is
        // known to work, so use it when the caller set none.
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        // Allure 2 otherwise posts usage analytics while generating (up to 10 s of waiting where the
        // network is closed, measured ~6 s here) and puts a Google Tag Manager script into index.html.
        // "true": the page template parses it as a boolean.
        builder.environment().put("ALLURE_NO_ANALYTICS", "true");
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GenerationFailed("Cannot start " + launcher(home) + ": " + e.getMessage()
                    + ". Check that it is executable.", "");
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new GenerationFailed(launcher(home) + " generate did not finish within " + LIMIT.toMinutes() + " min",
                        output.getNow(""));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GenerationFailed("interrupted while allure generate ran", "");
        }
        String printed = output.join();
        if (process.exitValue() != 0 || !Files.isRegularFile(report.resolve("index.html"))) {
            throw new GenerationFailed(launcher(home) + " generate exited with code " + process.exitValue()
                    + (Files.isRegularFile(report.resolve("index.html")) ? "" : " and wrote no " + report.resolve("index.html")),
                    printed);
        }
        return new Run(printed, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
