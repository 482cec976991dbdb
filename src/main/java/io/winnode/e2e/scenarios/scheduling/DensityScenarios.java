package io.winnode.e2e.scenarios.scheduling;

import io.qameta.allure.Allure;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.PodBatch;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pods started together on one node, in the manner of upstream's density.go (SIG Windows'
 * Core.Concurrent "Ability to schedule 10 pods concurrently"). Serial: it loads a node, and a
 * start-up time is only worth reading when nothing else competes for that node.
 */
@WindowsScenario("Density")
@Feature("Scheduling")
@Tag(Tags.SCHEDULING)
@Tag(Tags.CORE_CONCURRENT)
@Tag(Tags.SERIAL)
@Tag(Tags.SLOW)
class DensityScenarios {

    private static final int PODS = 10;

    @ParityTest("CON-01")
    @DisplayName("10 pods created at once on one node all run within the batch budget")
    @Severity(SeverityLevel.CRITICAL)
    void tenPodsStartTogetherOnOneNode(Side side, Workloads workloads, Placement placement, ParityCheck parity) {
        ClusterNode node = placement.candidateNodes(side).get(0);
        String name = "density-" + side.slug();
        Duration budget = workloads.timeouts().podBatchStart();

        Instant created = Instant.now();
        workloads.deployOnOneNode("scheduling/density.yaml", side, node, Map.of("NAME", name, "REPLICAS", String.valueOf(PODS)));
        PodBatch batch = workloads.awaitBatch(name, PODS, budget);

        String measurement = batch.allRunningAt()
                .map(at -> "all Running after " + seconds(Duration.between(created, at)))
                .orElse(batch.running() + " of " + PODS + " Running after " + seconds(Duration.between(created, Instant.now())));
        Allure.parameter("time to all Running", batch.allRunningAt().map(at -> seconds(Duration.between(created, at))).orElse("-"));
        Allure.step(measurement + " (budget " + budget.toSeconds() + " s, node " + node.name() + ")");
        parity.verify(outcome(batch, node, budget), node.name(), measurement);
    }

    private static Observed outcome(PodBatch batch, ClusterNode node, Duration budget) {
        List<String> elsewhere = batch.nodes().stream().filter(n -> !n.equals(node.name())).toList();
        if (!elsewhere.isEmpty()) {
            return Observed.detail("pods ran on other nodes than " + node.name() + ": " + String.join(",", elsewhere));
        }
        if (batch.allRunning()) {
            return Observed.outcome("all-running");
        }
        return Observed.detail(batch.running() + " of " + batch.expected() + " pods Running"
                + batch.stuck().map(why -> ", stuck: " + why).orElse(" after " + budget.toSeconds() + " s")
                + "; not running: " + batch.notRunning());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
