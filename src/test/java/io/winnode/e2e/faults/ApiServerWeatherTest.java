package io.winnode.e2e.faults;

import io.winnode.e2e.runner.ExitCodes;
import io.winnode.e2e.runner.Winnode;
import io.winnode.e2e.simulator.SimulatedCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 6 of issue 11, the API server misbehaving: with every weather of {@code faults/weather/} at once (429 with
 * Retry-After, 503, connection resets, slow answers, watches ended after 0.5 s) a short run stays green, the proxy's
 * counters show that each weather really hit the run, and the run's log says what it rode out. No false pass: when
 * every request is answered 429 for good, the run fails saying so.
 *
 * <p>Both runs share one control plane (the way {@code faults verify} runs), so the class pays for one start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerWeatherTest {

    /** A short scenario that creates pods and a Service, reads logs and waits for deletions (watches). */
    private static final String SHORT_SCENARIO = "KubeletObservabilityScenarios#containerLogsShowTheProcessOutput";

    @TempDir
    static Path work;

    private Path controlPlaneDirectory;
    private AutoCloseable controlPlane;

    @BeforeAll
    void startOneControlPlane() {
        controlPlaneDirectory = work.resolve("control-plane");
        controlPlane = SimulatedCluster.startSharedControlPlane(controlPlaneDirectory, line -> { });
    }

    @AfterAll
    void stopTheControlPlane() throws Exception {
        controlPlane.close();
    }

    @Test
    void everyWeatherAtOnceLeavesAShortRunGreenAndTheRunSaysWhatItRodeOut() throws IOException {
        List<String> weathers = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("faults", "weather"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> weathers.add(f.toString()));
        }
        assertThat(weathers).as("throttle, unavailable, resets, slow responses, dropped watches").hasSize(5);

        List<Path> proxiesBefore = proxyDirectories();
        Run run = run("weather", weathers);

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.out()).contains("Tests succeeded 3, failed 0");
        String summary = run.out().lines().filter(l -> l.startsWith("API server: ") && l.contains("retried"))
                .findFirst().orElseThrow(() -> new AssertionError("no API-server summary line in:\n" + run.out()));
        JsonNode counters = JsonMapper.builder().build().readTree(proxyCounters(proxiesBefore).toFile());
        assertThat(summary).as("proxy counters " + counters).containsPattern("429 x[1-9]").containsPattern("503 x[1-9]").containsPattern("resets x[1-9]")
                .containsPattern("; [1-9][0-9]* watch(es)? opened again");

        assertThat(counters.path("throttled").asLong()).as("429s answered").isPositive();
        assertThat(counters.path("unavailable").asLong()).as("503s answered").isPositive();
        assertThat(counters.path("resets").asLong()).as("connections reset").isPositive();
        assertThat(counters.path("delayed").asLong()).as("answers delayed").isPositive();
        assertThat(counters.path("watchesDropped").asLong()).as("watches ended").isPositive();
    }

    @Test
    void aThrottleThatNeverEndsFailsTheRunAndNeverPassesIt() {
        Run run = run("forever", List.of("src/test/resources/faults/api-throttle-forever.yaml"));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.CLUSTER_UNUSABLE);
        assertThat(run.out()).doesNotContain("Tests succeeded");
        assertThat(run.err()).contains("cluster unusable").contains("Too Many Requests");
    }

    /** The counters of the one proxy that started since {@code before} was listed. */
    private Path proxyCounters(List<Path> before) throws IOException {
        List<Path> proxies = proxyDirectories();
        proxies.removeAll(before);
        assertThat(proxies).as("the run's API-server proxy").hasSize(1);
        return proxies.get(0).resolve("counters.json");
    }

    /** The working directories of the API-server proxies that ran on the shared control plane. */
    private List<Path> proxyDirectories() throws IOException {
        try (Stream<Path> dirs = Files.list(controlPlaneDirectory)) {
            return new ArrayList<>(dirs.filter(d -> d.getFileName().toString().startsWith("api-proxy-")).toList());
        }
    }

    private record Run(int exitCode, String out, String err) {}

    /** One {@code ./winnode run} in this JVM on the shared control plane, its stdout and stderr captured. */
    private Run run(String name, List<String> faultFiles) {
        List<String> args = new ArrayList<>(List.of("run", "--cluster", "simulated", "--sim-control-plane",
                controlPlaneDirectory.toString(), "--timeout-scale", "0.1", "--test", SHORT_SCENARIO,
                "--artifacts", work.resolve(name).toString(), "--allure-results", work.resolve(name + "-allure").toString()));
        faultFiles.forEach(f -> args.addAll(List.of("--faults", f)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(new Tee(out, stdout), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, stderr), true, StandardCharsets.UTF_8));
        try {
            int exit = Winnode.execute(args.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** Captures what is written and still shows it. */
    private static final class Tee extends OutputStream {
        private final OutputStream copy;
        private final OutputStream shown;

        Tee(OutputStream copy, OutputStream shown) {
            this.copy = copy;
            this.shown = shown;
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            shown.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            copy.write(b, off, len);
            shown.write(b, off, len);
        }
    }
}
