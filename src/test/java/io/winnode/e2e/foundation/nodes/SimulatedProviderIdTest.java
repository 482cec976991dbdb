package io.winnode.e2e.foundation.nodes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the embedded cluster's own nodes are taken for simulated ones. */
class SimulatedProviderIdTest {

    @Test
    void aSimulatedNodesIdIsMarkedAndNoCloudsIs() {
        assertThat(SimulatedProviderId.of("win-2022-a")).isEqualTo("winnode-simulated://win-2022-a");
        assertThat(SimulatedProviderId.marks(SimulatedProviderId.of("win-2022-a"))).isTrue();

        assertThat(SimulatedProviderId.marks("azure:///subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/"
                + "virtualMachineScaleSets/akswin/virtualMachines/0")).isFalse();
        assertThat(SimulatedProviderId.marks("kind://docker/kind/kind-worker")).isFalse();
        assertThat(SimulatedProviderId.marks(null)).as("a node without a provider id").isFalse();
    }
}
