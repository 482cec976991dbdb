package io.winnode.e2e.faults;

import io.winnode.e2e.runner.Winnode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof that the suite is worth something: {@code ./winnode faults verify} runs the default
 * suite four times clean (seeds 1..4, with the simulator's seeded timing jitter) and once under every
 * catalog fault, each run also under API-server weather ({@code --api-weather}: 429s, 503s, resets, slow answers,
 * ended watches, so each weather meets a clean run and a faulted one). Every clean run must pass and every fault must turn at least one test red, with
 * the failure message naming the symptom rather than a bare timeout.
 */
class FaultDetectionProofTest {

    @Test
    void everyCatalogFaultIsDetectedAndFourCleanRunsPass(@TempDir Path artifacts) throws IOException {
        // Five runs at once on CI's 2 cores: most faulted runs spend their time waiting out timeouts
        // (the cores are about 60% busy at four), and this test is most of the CI budget.
        int exit = Winnode.execute("faults", "verify", "--clean-runs", "4", "--timeout-scale", "0.1",
                "--parallel", "5", "--api-weather", "--artifacts", artifacts.toString());

        JsonNode detection = JsonMapper.builder().build().readTree(artifacts.resolve("detection.json").toFile());
        assertThat(Files.readString(artifacts.resolve("detection.md"))).contains("Fault detection matrix");
        var undetected = new ArrayList<String>();
        JsonNode serviceTrafficDropped = null;
        var bareTimeouts = new ArrayList<String>();
        int faults = 0;
        for (JsonNode fault : detection.path("faults")) {
            faults++;
            String id = fault.path("id").asString();
            if (id.equals("D-29")) {
                serviceTrafficDropped = fault;
            }
            if (!fault.path("detected").asBoolean()) {
                undetected.add(id);
            }
            String message = fault.path("firstFailure").asString("");
            if (message.startsWith("Condition with alias") || message.matches("(?i)^timed out\\b.*") && !message.contains("last state")) {
                bareTimeouts.add(id + ": " + message);
            }
        }
        assertThat(faults).isGreaterThanOrEqualTo(30);
        assertThat(undetected).as("faults no scenario caught").isEmpty();
        // Issue 10: with Service traffic from Windows pods dropped, NET-09 fails instead of reading ten failures as affinity.
        assertThat(serviceTrafficDropped).as("catalog fault D-29").isNotNull();
        assertThat(serviceTrafficDropped.path("failedTests").toString())
                .contains("PodConnectivityScenarios#sessionAffinityKeepsAClientOnOneBackend");
        assertThat(bareTimeouts).as("failures that do not name their symptom").isEmpty();
        assertThat(detection.path("cleanRuns")).hasSize(4);
        detection.path("cleanRuns").forEach(run -> assertThat(run.path("passed").asBoolean())
                .as(run + "\n" + tail(Path.of(run.path("log").asString()))).isTrue());
        // Issue 11: the clean runs carried API-server weather (faults/weather, rotated by --api-weather) and the
        // suite rode it out; a clean run whose weather sheds requests says what it retried.
        var weatherSummaries = new ArrayList<String>();
        for (JsonNode run : detection.path("cleanRuns")) {
            Files.readAllLines(Path.of(run.path("log").asString())).stream()
                    .filter(line -> line.startsWith("API server: ") && line.contains("retried")).forEach(weatherSummaries::add);
        }
        assertThat(weatherSummaries).as("clean runs that rode out 429s, 503s or resets").isNotEmpty();
        assertThat(exit).isZero();
    }

    /**
     * A hand-written fault file outside the catalog changes the simulated cluster, and SCH-04 meets it
     * as real-cluster-review L1 demands: while the registry answers one Windows build's pulls with 429,
     * that side fails saying so instead of passing as "no image variant for the node's platform"; the
     * other build still passes on containerd's real platform mismatch.
     */
    @Test
    void aHandWrittenFaultOutsideTheCatalogChangesTheSimulatedCluster(@TempDir Path work) throws IOException {
        Path fault = work.resolve("my-fault.yaml");
        Files.writeString(fault, """
                id: LOCAL-1
                title: "The registry rate-limits pulls from Windows Server 2022 nodes"
                defect:
                  reference: "hand-written for this test (real-cluster-review.md L1)"
                  links: ["https://example.invalid/local-1"]
                  symptom: "ErrImagePull: 429 Too Many Requests on ltsc2022 nodes"
                expectedCatchers:
                  - OsPlacementScenarios#linuxOnlyImage
                faults:
                  - registry: { error: tooManyRequests }
                    select: { windowsBuild: ltsc2022 }
                """);
        Path artifacts = work.resolve("artifacts");

        int exit = Winnode.execute("run", "--cluster", "simulated", "--faults", fault.toString(),
                "--test", "OsPlacementScenarios#linuxOnlyImage", "--skip-prepull", "--timeout-scale", "0.05",
                "--artifacts", artifacts.toString(), "--allure-results", work.resolve("allure").toString());

        assertThat(exit).isEqualTo(1);
        String junit;
        try (Stream<Path> files = Files.list(artifacts)) {
            junit = Files.readString(files.filter(f -> f.getFileName().toString().startsWith("junit_")).findFirst().orElseThrow());
        }
        assertThat(junit).contains("winnode.faults").contains("429 Too Many Requests");
        assertThat(testCase(junit, "[linux]")).doesNotContain("<failure");
        assertThat(testCase(junit, "[windows ltsc2022]")).contains("<failure");
        assertThat(testCase(junit, "[windows ltsc2025]")).doesNotContain("<failure");
    }

    /** The end of a child run's log, where its summary names what failed: enough to see why a clean run failed. */
    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** The JUnit XML of the Linux-only-image test's side {@code side}: from its testcase element to the next one. */
    private static String testCase(String junit, String side) {
        int name = junit.indexOf("fails to pull on Windows nodes " + side + "\"");
        assertThat(name).as("test case for side " + side).isNotNegative();
        int next = junit.indexOf("<testcase", name);
        return junit.substring(junit.lastIndexOf("<testcase", name), next < 0 ? junit.length() : next);
    }
}
