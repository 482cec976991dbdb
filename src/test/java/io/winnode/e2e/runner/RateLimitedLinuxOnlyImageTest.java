package io.winnode.e2e.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCH-04 on the simulated cluster while the registry answers one Windows build's pulls with 429
 * (a {@code registry} fault): that side must fail and say why, never pass as "no image variant for
 * the node's platform" (real-cluster-review L1); the other build still passes on containerd's real
 * platform mismatch.
 */
class RateLimitedLinuxOnlyImageTest {

    @TempDir
    Path tmp;

    @Test
    void aRateLimitedWindowsPullFailsSch04InsteadOfPassingAsAPlatformMismatch() throws IOException {
        Path fault = Files.writeString(tmp.resolve("rate-limited.yaml"), """
                id: T-429
                title: The registry rate-limits pulls from Windows Server 2022 nodes
                defect:
                  reference: "real-cluster-review.md L1"
                  symptom: "ErrImagePull: 429 Too Many Requests on ltsc2022 nodes"
                faults:
                  - registry: { error: tooManyRequests }
                    select: { windowsBuild: ltsc2022 }
                """);

        Invocation run = Invocation.of("run", "--cluster", "simulated", "--test", "OsPlacementScenarios#linuxOnlyImage",
                "--faults", fault.toString(), "--skip-prepull", "--timeout-scale", "0.05",
                "--artifacts", tmp.resolve("a").toString(), "--allure-results", tmp.resolve("r").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(run.out())
                .contains("PASSED   [sig-windows] Scheduling: a Linux-only image runs on Linux nodes and fails to pull on Windows nodes [linux]")
                .contains("FAILED   [sig-windows] Scheduling: a Linux-only image runs on Linux nodes and fails to pull on Windows nodes [windows ltsc2022]")
                .contains("PASSED   [sig-windows] Scheduling: a Linux-only image runs on Linux nodes and fails to pull on Windows nodes [windows ltsc2025]");
        assertThat(Files.readString(tmp.resolve("a/junit_default.xml"))).contains("429 Too Many Requests");
    }
}
