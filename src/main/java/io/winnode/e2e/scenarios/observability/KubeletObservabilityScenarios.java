package io.winnode.e2e.scenarios.observability;

import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.nodes.KubeletStats;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

/** What the kubelet tells about a node's pods: container logs and the Summary API (kubelet_stats.go). */
@WindowsScenario("Observability")
@Feature("Observability")
@Tag(Tags.OBSERVABILITY)
class KubeletObservabilityScenarios {

    /** Upstream's kubelet_stats.go requires the summary within 10 s with 10 pods on the node. */
    private static final Duration SUMMARY_LIMIT = Duration.ofSeconds(10);

    @ParityTest("OBS-02")
    @DisplayName("container logs show what the container's process printed")
    @Severity(SeverityLevel.CRITICAL)
    void containerLogsShowTheProcessOutput(Side side, Workloads workloads, ParityCheck parity) {
        String name = "logger-" + side.slug();
        workloads.deploy("networking/server.yaml", side, Map.of("NAME", name));
        RunningPod pod = workloads.running(name, side);

        // agnhost netexec announces its listener on start, on every OS.
        String log = workloads.log(name, "server");

        parity.verify(log != null && log.contains("Started HTTP server on port 8080")
                ? Observed.outcome("start-line") : Observed.detail("the log reads: '" + firstLines(log) + "'"), pod.node());
    }

    @ParityTest("OBS-07")
    @DisplayName("the kubelet Summary API lists a node's pods and accounts for their memory")
    @Severity(SeverityLevel.NORMAL)
    void summaryApiListsPodsAndTheirMemory(Side side, Workloads workloads, KubeletStats stats, ParityCheck parity) {
        String name = "measured-" + side.slug();
        workloads.deploy("networking/client.yaml", side, Map.of("NAME", name));
        RunningPod pod = workloads.running(name, side);

        KubeletStats.Summary summary;
        try {
            summary = stats.summary(pod.node());
        } catch (RuntimeException e) {
            parity.verify(Observed.detail("no summary: " + e.getMessage()), pod.node());
            return;
        }

        var problems = new ArrayList<String>();
        if (summary.took().compareTo(SUMMARY_LIMIT) > 0) {
            problems.add("took " + summary.took().toSeconds() + " s (limit " + SUMMARY_LIMIT.toSeconds() + " s)");
        }
        var entry = summary.pod(pod.namespace(), pod.name());
        if (entry.isMissingNode()) {
            problems.add("pod " + pod.name() + " not listed");
        } else if (entry.path("memory").path("workingSetBytes").asLong(0) <= 0) {
            problems.add("pod " + pod.name() + " has no memory working set");
        }
        long nodeMemory = summary.nodeMemoryWorkingSetBytes();
        long podsMemory = summary.podsMemoryWorkingSetBytes();
        if (nodeMemory < podsMemory) {
            problems.add("node memory working set " + nodeMemory + " B is below its pods' " + podsMemory + " B");
        }
        parity.verify(problems.isEmpty() ? Observed.outcome("listed") : Observed.detail(String.join("; ", problems)),
                pod.node());
    }

    private static String firstLines(String log) {
        if (log == null || log.isBlank()) {
            return "(empty)";
        }
        String flat = log.strip().replace("\r", "").replace("\n", " | ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
