package io.winnode.e2e.framework.nodes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.qameta.allure.Allure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads a node's kubelet Summary API through the API server's node proxy
 * ({@code /api/v1/nodes/NAME/proxy/stats/summary}), as upstream's kubelet_stats.go does.
 */
public final class KubeletStats {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One read of the summary: how long it took and what it said. */
    public record Summary(Duration took, JsonNode body) {

        public long nodeMemoryWorkingSetBytes() {
            return body.path("node").path("memory").path("workingSetBytes").asLong(-1);
        }

        /** The pod's entry, or a missing node when the summary does not list it. */
        public JsonNode pod(String namespace, String name) {
            for (JsonNode pod : body.path("pods")) {
                JsonNode ref = pod.path("podRef");
                if (namespace.equals(ref.path("namespace").asString("")) && name.equals(ref.path("name").asString(""))) {
                    return pod;
                }
            }
            return tools.jackson.databind.node.MissingNode.getInstance();
        }

        /** The sum of every listed pod's memory working set. */
        public long podsMemoryWorkingSetBytes() {
            long sum = 0;
            for (JsonNode pod : body.path("pods")) {
                sum += Math.max(0, pod.path("memory").path("workingSetBytes").asLong(0));
            }
            return sum;
        }
    }

    private final KubernetesClient client;

    public KubeletStats(KubernetesClient client) {
        this.client = client;
    }

    /** Fetches the summary; a kubelet that fails or does not answer within the client's request timeout throws. */
    public Summary summary(String node) {
        return Allure.step("GET stats/summary of node " + node, () -> {
            Instant start = Instant.now();
            String body = client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary");
            Duration took = Duration.between(start, Instant.now());
            if (body == null) {
                throw new AssertionError("the API server returned no stats summary for node " + node);
            }
            return new Summary(took, JSON.readTree(body));
        });
    }
}
