package io.winnode.e2e.framework.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qameta.allure.Allure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a node's kubelet configuration through the API server's node proxy
 * ({@code /api/v1/nodes/NAME/proxy/configz}, the {@code kubeletconfig} object the kubelet serves,
 * pkg/kubelet/server/server.go), as upstream's e2e framework does for kubelet settings. Needs
 * {@code get} on {@code nodes/proxy}, which {@code manifests/runner/clusterrole.yaml} grants.
 */
public final class KubeletConfigz {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KubernetesClient client;

    public KubeletConfigz(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The cluster's DNS domain as the node's kubelet was configured with it ({@code clusterDomain},
     * from which the kubelet builds every pod's DNS search list): {@code cluster.local} by default,
     * anything on clusters set up otherwise.
     */
    public String clusterDomain(String node) {
        return Allure.step("GET configz of node " + node + " (clusterDomain)", () -> {
            String body;
            try {
                body = client.raw("/api/v1/nodes/" + node + "/proxy/configz");
            } catch (KubernetesClientException e) {
                throw new AssertionError("Cannot read the kubelet configuration of node " + node + " through "
                        + "/api/v1/nodes/" + node + "/proxy/configz: " + e.getMessage() + ". The suite needs 'get' on "
                        + "nodes/proxy (see manifests/runner/clusterrole.yaml) to learn the cluster's DNS domain.", e);
            }
            if (body == null) {
                throw new AssertionError("The API server returned no configz for node " + node
                        + "; grant 'get' on nodes/proxy (manifests/runner/clusterrole.yaml).");
            }
            return clusterDomainOf(JSON.readTree(body), node);
        });
    }

    static String clusterDomainOf(JsonNode configz, String node) {
        String domain = configz.path("kubeletconfig").path("clusterDomain").asString("").strip();
        if (domain.isEmpty()) {
            throw new AssertionError("The kubelet of node " + node + " reports no clusterDomain in its configz; "
                    + "pods on it get no cluster search domain, so Service names cannot be checked there.");
        }
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }
}
