package io.winnode.e2e.simulator.faults;

import io.winnode.e2e.simulator.faults.Mechanisms.LatencyFault;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Selector matching and activation windows, without a cluster (the cluster tests cover the hooks). */
class ActiveFaultsTest {

    static final NodeFacts WIN = new NodeFacts("win2022-1", "windows", "10.0.20348", Map.of("pool", "a"));
    static final NodeFacts LIN = new NodeFacts("linux-worker-1", "linux", null, Map.of("pool", "b"));
    static final PodFacts POD = new PodFacts("app", Map.of("tier", "web"));

    static Fault latency(Selector select, When when) {
        return new Fault(null, null, null, null, null, null, null, new LatencyFault(1.0, null), null, null, select, when);
    }

    static ActiveFaults faults(Instant start, Fault... f) {
        return new ActiveFaults(List.of(new FaultFile("D-T", null, null, null, List.of(f))),
                Map.of(WIN.name(), WIN, LIN.name(), LIN), start);
    }

    @Test
    void selectorsMatchNodeOsBuildNamesLabelsNamespacesAndPodLabels() {
        assertThat(new Selector("windows", "ltsc2022", null, null, null, null).matchesNode(WIN)).isTrue();
        assertThat(new Selector(null, "10.0.20348", null, null, null, null).matchesNode(WIN)).isTrue();
        assertThat(new Selector(null, "ltsc2025", null, null, null, null).matchesNode(WIN)).isFalse();
        assertThat(new Selector(null, "ltsc2022", null, null, null, null).matchesNode(LIN)).isFalse();
        assertThat(new Selector(null, null, List.of("linux-worker-1"), Map.of("pool", "b"), null, null).matchesNode(LIN)).isTrue();
        assertThat(new Selector(null, null, null, Map.of("pool", "b"), null, null).matchesNode(WIN)).isFalse();
        assertThat(new Selector(null, null, null, null, List.of("app"), Map.of("tier", "web")).matchesPod(POD)).isTrue();
        assertThat(new Selector(null, null, null, null, List.of("other"), null).matchesPod(POD)).isFalse();
        assertThat(new Selector(null, null, null, null, List.of("app"), null).matchesPod(null)).as("no pod involved").isFalse();
        assertThat(Selector.ALL.matchesNode(null)).isTrue();
    }

    @Test
    void afterSecondsAndForSecondsBoundTheWindow() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Fault f = latency(Selector.ALL, new When(10.0, null, 5.0));
        ActiveFaults faults = faults(start, f);
        assertThat(faults.activeSince(f, start.plusSeconds(9))).isNull();
        assertThat(faults.activeSince(f, start.plusSeconds(10))).isEqualTo(start.plusSeconds(10));
        assertThat(faults.activeSince(f, start.plusSeconds(15))).isNull();
        assertThat(faults.matching(LatencyFault.class, WIN, POD, start.plusSeconds(12))).hasSize(1);
    }

    @Test
    void afterEventWaitsForTheKindInTheGivenNamespaces() {
        Fault recreated = latency(Selector.ALL, new When(null, new When.AfterEvent("serviceRecreated", List.of("app")), null));
        Fault podDeleted = latency(Selector.ALL, new When(null, new When.AfterEvent("podDeleted", null), 60.0));
        ActiveFaults faults = faults(Instant.now().minusSeconds(1), recreated, podDeleted);
        ClusterEvents events = faults.events();
        events.preexisting("old");
        events.serviceAdded("old", "app", "svc");
        assertThat(faults.activeSince(recreated, Instant.now())).as("listing is not creating").isNull();
        events.serviceDeleted("other", "svc");
        events.serviceAdded("u2", "other", "svc");
        assertThat(faults.activeSince(recreated, Instant.now())).as("recreated in another namespace").isNull();
        events.serviceDeleted("app", "svc");
        events.serviceAdded("u3", "app", "svc");
        assertThat(faults.activeSince(recreated, Instant.now())).isNotNull();
        assertThat(faults.activeSince(podDeleted, Instant.now())).isNull();
        events.podDeleted("anywhere");
        assertThat(faults.activeSince(podDeleted, Instant.now())).isNotNull();
    }
}
