package io.winnode.e2e.framework.nodes;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster's DNS domain comes from the kubelet's configz, whatever it is. */
class KubeletConfigzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsClusterDomainFromKubeletconfig() {
        assertThat(KubeletConfigz.clusterDomainOf(JSON.readTree(
                "{\"kubeletconfig\":{\"clusterDomain\":\"corp.example\",\"clusterDNS\":[\"10.0.0.10\"]}}"), "n1"))
                .isEqualTo("corp.example");
        assertThat(KubeletConfigz.clusterDomainOf(JSON.readTree("{\"kubeletconfig\":{\"clusterDomain\":\"k8s.local.\"}}"), "n1"))
                .isEqualTo("k8s.local");
    }

    @Test
    void aKubeletWithoutClusterDomainIsReportedNotGuessed() {
        assertThatThrownBy(() -> KubeletConfigz.clusterDomainOf(JSON.readTree("{\"kubeletconfig\":{}}"), "win-1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("node win-1 reports no clusterDomain");
    }
}
