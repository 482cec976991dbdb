package io.winnode.e2e.simulator.topology;

import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --sim-topology NAME|FILE}: the shipped topologies load, and a wrong name says which exist. */
class TopologySourceTest {

    @Test
    void everyShippedTopologyIsNamedAndLoads() throws IOException {
        List<String> shipped;
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "simulator"))) {
            shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("topology-") && n.endsWith(".yaml"))
                    .map(n -> n.substring("topology-".length(), n.length() - ".yaml".length())).sorted().toList();
        }
        assertThat(shipped).containsExactlyInAnyOrderElementsOf(TopologySource.BUILT_IN);
        TopologySource.BUILT_IN.forEach(name -> assertThat(TopologySource.parse(name).load().nodes()).as(name).isNotEmpty());
    }

    @Test
    void ws2019Ws2022HasANodeOfEachBuild() {
        assertThat(TopologySource.parse("ws2019-ws2022").load().nodes()).extracting(TopologyNode::windowsBuild)
                .contains("10.0.17763", "10.0.20348");
    }

    @Test
    void capzsOnlyLinuxNodeIsTheTaintedControlPlane() {
        List<TopologyNode> linux = TopologySource.parse("capz").load().nodes().stream().filter(n -> n.os().equals("linux")).toList();

        assertThat(linux).singleElement().satisfies(cp -> {
            assertThat(cp.labels()).containsKey("node-role.kubernetes.io/control-plane");
            assertThat(cp.taints()).extracting(TopologyTaint::key, TopologyTaint::effect)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("node-role.kubernetes.io/control-plane", "NoSchedule"));
        });
    }

    @Test
    void anUnknownNameListsTheBuiltInTopologies() {
        assertThatThrownBy(() -> TopologySource.parse("cpaz")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown simulator topology 'cpaz'")
                .hasMessageContaining("default, ws2019-ws2022, capz").hasMessageContaining("topology YAML file");
    }

    @Test
    void aPathIsAFileAndAMissingOneIsNamed() {
        assertThatThrownBy(() -> TopologySource.parse("missing/topo.yaml")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Cannot read simulator topology missing/topo.yaml");
    }
}
