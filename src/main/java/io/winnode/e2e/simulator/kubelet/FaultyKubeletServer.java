package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.winnode.e2e.simulator.api.ApiPath;
import io.winnode.e2e.simulator.api.ApiStore;
import io.winnode.e2e.simulator.api.NodeProxy;
import io.winnode.e2e.simulator.api.PodSubresources;
import io.winnode.e2e.simulator.api.StatusResponses;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;
import io.winnode.e2e.simulator.faults.PodFacts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's server as a {@code subresource} fault makes it misbehave on the selected nodes:
 * exec/attach/logs through the API server and the node proxy's stats, metrics and configz fail with
 * the kubelet's error relayed by the API server, hang, or (stats) report usage multiplied by a factor.
 * Wraps the real endpoints; a request no fault selects goes through untouched.
 */
public final class FaultyKubeletServer implements PodSubresources, NodeProxy {

    private static final Set<String> USAGE_FIELDS = Set.of("usageNanoCores", "usageCoreNanoSeconds", "workingSetBytes",
            "usageBytes", "rssBytes");

    private final KubeletStreaming pods;
    private final NodeProxy nodes;
    private final ApiStore store;
    private final ActiveFaults faults;
    private final ScheduledExecutorService timer;

    public FaultyKubeletServer(KubeletStreaming pods, NodeProxy nodes, ApiStore store, ActiveFaults faults,
                               ScheduledExecutorService timer) {
        this.pods = pods;
        this.nodes = nodes;
        this.store = store;
        this.faults = faults;
        this.timer = timer;
    }

    private Optional<SubresourceFault> forPod(ApiPath path, String kind) {
        Pod pod = store.get("/api/v1/namespaces/" + path.namespace() + "/pods/" + path.name(), Pod.class).orElse(null);
        if (pod == null || pod.getSpec().getNodeName() == null) {
            return Optional.empty();
        }
        return faults.matching(SubresourceFault.class, pod.getSpec().getNodeName(), PodFacts.of(pod)).stream()
                .filter(f -> f.kind().equals(kind)).findFirst();
    }

    /** The API server relays a kubelet error as a 500 Status carrying the kubelet's message. */
    private static MockResponse failure(String message) {
        return StatusResponses.toResponse(new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage(message).withReason("InternalError").withCode(500).build());
    }

    @Override
    public MockResponse exec(ApiPath path) {
        String kind = "attach".equals(path.subresource()) ? "attach" : "exec";
        Optional<SubresourceFault> fault = forPod(path, kind);
        if (fault.isEmpty()) {
            return pods.exec(path);
        }
        if (fault.get().behaviour().equals("fail")) {
            return pods.failedStart(path, fault.get().message());
        }
        MockResponse real = pods.exec(path);
        WebSocketListener inner = real.getWebSocketListener();
        if (inner == null) {
            return real.setBodyDelay(hang(fault.get()));
        }
        // The stream opens, then nothing happens for hangSeconds before the command runs.
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                timer.schedule(() -> inner.onOpen(ws, response), hang(fault.get()).toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void onMessage(WebSocket ws, byte[] bytes) {
                inner.onMessage(ws, bytes);
            }

            @Override
            public void onMessage(WebSocket ws, String text) {
                inner.onMessage(ws, text);
            }

            @Override
            public void onClosing(WebSocket ws, int code, String reason) {
                inner.onClosing(ws, code, reason);
            }
        });
    }

    @Override
    public MockResponse log(ApiPath path) {
        Optional<SubresourceFault> fault = forPod(path, "logs");
        if (fault.isEmpty()) {
            return pods.log(path);
        }
        return fault.get().behaviour().equals("fail") ? failure(fault.get().message()) : pods.log(path).setBodyDelay(hang(fault.get()));
    }

    @Override
    public MockResponse get(String nodeName, String kubeletPath) {
        String kind = kubeletPath.startsWith("/stats") ? "stats" : kubeletPath.startsWith("/metrics") ? "metrics"
                : kubeletPath.startsWith("/configz") ? "configz" : null;
        Optional<SubresourceFault> fault = kind == null ? Optional.empty()
                : faults.matching(SubresourceFault.class, nodeName, null).stream().filter(f -> f.kind().equals(kind)).findFirst();
        if (fault.isEmpty()) {
            return nodes.get(nodeName, kubeletPath);
        }
        return switch (fault.get().behaviour()) {
            case "fail" -> failure(fault.get().message());
            case "hang" -> {
                MockResponse real = nodes.get(nodeName, kubeletPath);
                yield real == null ? null : real.setBodyDelay(hang(fault.get()));
            }
            default -> {
                MockResponse real = nodes.get(nodeName, kubeletPath);
                if (real == null || real.code() != 200 || real.getBody() == null) {
                    yield real;
                }
                if (kind.equals("metrics")) {
                    yield new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain; version=0.0.4")
                            .setBody(scaleMetrics(new String(real.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8),
                                    fault.get().factor()));
                }
                JsonNode tree = Serialization.jsonMapper().readTree(new String(real.getBody().getBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
                // A kubelet can get one level wrong (D-31: the node's own figure) while the rest is right.
                String scope = fault.get().scope();
                scale(scope.equals("all") ? tree : tree.path(scope), fault.get().factor());
                yield new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody(Serialization.jsonMapper().writeValueAsString(tree));
            }
        };
    }

    /** Multiplies every usage figure (cpu and memory of the node, pods and containers) by {@code factor}. */
    private static void scale(JsonNode node, double factor) {
        if (node instanceof ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                JsonNode child = object.get(name);
                if (USAGE_FIELDS.contains(name) && child.isNumber()) {
                    object.put(name, (long) (child.asDouble() * factor));
                } else {
                    scale(child, factor);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(child -> scale(child, factor));
        }
    }

    /** Multiplies each sample value of a Prometheus text exposition (the token after the labels) by {@code factor}. */
    static String scaleMetrics(String text, double factor) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                out.append(line).append('\n');
                continue;
            }
            int valueStart = line.lastIndexOf('}') >= 0 ? line.lastIndexOf('}') + 2 : line.indexOf(' ') + 1;
            int valueEnd = line.indexOf(' ', valueStart);
            String value = valueEnd < 0 ? line.substring(valueStart) : line.substring(valueStart, valueEnd);
            String scaled = String.format(java.util.Locale.ROOT, "%.6f", Double.parseDouble(value) * factor);
            out.append(line, 0, valueStart).append(scaled).append(valueEnd < 0 ? "" : line.substring(valueEnd)).append('\n');
        }
        return out.toString();
    }

    private static Duration hang(SubresourceFault f) {
        return Duration.ofMillis((long) (f.hangSeconds() * 1000));
    }
}
