package io.winnode.e2e.scenarios.networking;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.placement.Placement;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** L2: NET-07a enters a NodePort through one node of each OS and of each Windows build, not just two nodes. */
class NodePortEntryNodesTest {

    private static ClusterNode node(String name, String os, String build) {
        var builder = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/os", os).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
        if (build != null) {
            builder.editMetadata().addToLabels(WindowsBuild.LABEL, build).endMetadata();
        }
        return ClusterNode.from(builder.build());
    }

    @Test
    void aClusterWithTwoWindowsBuildsIsEnteredThroughANodeOfEach() {
        var nodes = new NodeInventory(List.of(
                node("lin-1", "linux", null),
                node("win2019-1", "windows", "10.0.17763"),
                node("win2019-2", "windows", "10.0.17763"),
                node("win2022-1", "windows", "10.0.20348")));

        assertThat(PodConnectivityScenarios.entryNodes(new Placement(nodes), nodes)).extracting(ClusterNode::name)
                .containsExactly("lin-1", "win2019-1", "win2022-1");
    }
}
