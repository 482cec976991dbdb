package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.cluster.ClusterTarget;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.runner.cluster.SimulatedClusterLauncher;
import io.winnode.e2e.runner.run.AllureResults;
import io.winnode.e2e.runner.run.RunOutcomes;
import io.winnode.e2e.runner.selection.ScenarioLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/**
 * What {@code --cluster k3s} gives the scenarios, without Docker: a cluster of Linux nodes only,
 * reached with the {@code k3s} cluster kind (here the simulator with K3s's one-node topology). Every
 * Windows side must be skipped with the reason, never failed, and the Linux sides must still run;
 * the run as a whole is not a pass (no Windows side ran), which {@code run} turns into exit code 1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinuxOnlyClusterTest {

    /** As K3sContainer starts it: one server node, labelled control plane but not tainted, that runs everything. */
    private static final String LINUX_ONLY_TOPOLOGY = """
            nodes:
              - name: k3s-server
                os: linux
                arch: amd64
                osImage: K3s v1.31.4+k3s1
                kernelVersion: 6.8.0-45-generic
                containerRuntimeVersion: containerd://1.7.23-k3s2
                internalIP: 172.17.0.2
                capacity: {cpu: "4", memory: 8Gi, pods: "110"}
                labels:
                  node-role.kubernetes.io/control-plane: "true"
                  node-role.kubernetes.io/master: "true"
            """;

    @TempDir
    static Path work;

    private SimulatedClusterLauncher cluster;
    /** Test invocations (display names with their class) and how each ended. */
    private final Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
    /** What the runner's summary and exit code are made of. */
    private final RunOutcomes outcomes = new RunOutcomes();

    @BeforeAll
    void runTheDefaultSuiteOnALinuxOnlyCluster() throws Exception {
        Path topology = Files.writeString(work.resolve("linux-only.yaml"), LINUX_ONLY_TOPOLOGY);
        cluster = SimulatedClusterLauncher.start(topology.toString(), "fast", 1, List.of(), null, work);
        var target = new ClusterTarget(Optional.of(cluster.kubeconfig()), Optional.empty(), ClusterKind.K3S);
        var parameters = new java.util.HashMap<>(target.asConfigurationParameters());
        parameters.put(RunParameters.RUN_ID, "wn-linux-only-test");
        parameters.put(RunParameters.TIMEOUT_SCALE, "0.1");
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("io.winnode.e2e.scenarios"))
                .filters(TagFilter.excludeTags("serial", "disruptive"))
                .configurationParameters(parameters)
                .build();
        // As the runner does, so that the scenarios' Allure steps land in a results directory of their own.
        AllureResults allure = AllureResults.prepare(work.resolve("allure-results"));
        try (LauncherSession session = ScenarioLauncher.open(); AutoCloseable steps = allure.install()) {
            session.getLauncher().execute(request, allure.listener(), outcomes, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    results.put(id.getUniqueId() + " " + id.getDisplayName(), result);
                }
            });
        }
    }

    @AfterAll
    void stopTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nothingFailsNeitherATestNorAClassSetup() {
        assertThat(results).isNotEmpty();
        assertThat(results.entrySet()).filteredOn(e -> e.getValue().getStatus() == TestExecutionResult.Status.FAILED)
                .as("failed tests or containers").isEmpty();
    }

    @Test
    void everyWindowsSideIsSkippedWithTheReason() {
        var windowsSides = results.entrySet().stream().filter(e -> e.getKey().endsWith("[windows]")).toList();

        assertThat(windowsSides).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getValue().getStatus()).as(e.getKey()).isEqualTo(TestExecutionResult.Status.ABORTED);
            assertThat(e.getValue().getThrowable()).as(e.getKey()).hasValueSatisfying(reason -> assertThat(reason)
                    .hasMessage("windows side unavailable: the cluster has no schedulable Windows node (Linux nodes only)"));
        });
    }

    @Test
    void theRunIsNotAPassBecauseNoWindowsSideRanAndItSaysWhy() {
        // RunCommand exits 1 on this: a Linux-only run is no evidence about Windows nodes.
        assertThat(outcomes.failed()).isZero();
        assertThat(outcomes.passed()).isPositive();
        assertThat(outcomes.noWindowsSideRan()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("No Windows side ran: all ").contains("the cluster has no schedulable Windows node (Linux nodes only)")
                .contains("not a pass"));
    }

    @Test
    void theLinuxSidesRunAndOnlyThoseNeedingAWindowsPeerAreSkippedSayingSo() {
        var linuxSides = results.entrySet().stream().filter(e -> e.getKey().endsWith("[linux]")).toList();

        assertThat(linuxSides).filteredOn(e -> e.getValue().getStatus() == TestExecutionResult.Status.SUCCESSFUL)
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(linuxSides).filteredOn(e -> e.getValue().getStatus() == TestExecutionResult.Status.ABORTED)
                .allSatisfy(e -> assertThat(e.getValue().getThrowable()).as(e.getKey())
                        .hasValueSatisfying(reason -> assertThat(reason).hasMessageContaining("Windows node")));
    }
}
