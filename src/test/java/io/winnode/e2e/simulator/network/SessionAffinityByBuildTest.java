package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Parity NET-09 / finding B3: which nodes' proxies apply ClientIP affinity, and how requests spread without it. */
class SessionAffinityByBuildTest {

    @Test
    void windowsServer2019sProxyIgnoresClientIpAffinityLaterBuildsAndLinuxApplyIt() {
        assertThat(ProxyFeatures.sessionAffinity(node("windows", "10.0.17763.6659"))).isFalse();
        assertThat(ProxyFeatures.sessionAffinity(node("windows", "10.0.20348.2849"))).isTrue();
        assertThat(ProxyFeatures.sessionAffinity(node("windows", "10.0.25398.1189"))).isTrue();
        assertThat(ProxyFeatures.sessionAffinity(node("windows", "10.0.26100.2605"))).isTrue();
        assertThat(ProxyFeatures.sessionAffinity(node("linux", "6.8.0-45-generic"))).isTrue();
    }

    @Test
    void withoutAffinityTenRequestsOverThreeBackendsNeverLandOnOneForAnySeedAndRepeatExactly() {
        // NET-09's ltsc2019 expectation says "more than one backend": the simulator must not hand out a
        // single backend by chance. The picks depend on --sim-seed alone, so check a broad range of seeds.
        IntStream.range(0, 2000).forEach(seed -> {
            Set<Integer> backends = new HashSet<>();
            for (int n = 0; n < 10; n++) {
                backends.add(ServiceProxy.nthPick(seed, n, 3));
            }
            assertThat(backends).as("seed " + seed).hasSizeGreaterThan(1);
        });
        assertThat(IntStream.range(0, 10).map(n -> ServiceProxy.nthPick(1, n, 3)).toArray())
                .isEqualTo(IntStream.range(0, 10).map(n -> ServiceProxy.nthPick(1, n, 3)).toArray());
    }

    private static Node node(String os, String kernel) {
        return new NodeBuilder().withNewMetadata().withName("n").endMetadata().withNewStatus().withNewNodeInfo()
                .withOperatingSystem(os).withKernelVersion(kernel).endNodeInfo().endStatus().build();
    }
}
