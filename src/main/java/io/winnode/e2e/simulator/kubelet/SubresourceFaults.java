package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;
import io.winnode.e2e.simulator.faults.PodFacts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code subresource} faults ({@code faults/README.md}) one node's kubelet server suffers: which
 * one applies to a request, and the wrong figures a {@code wrongFigures} fault reports. Pod-scoped
 * kinds (exec, attach, logs, portForward) are selected by this node and the pod as the kubelet's
 * runtime holds it; stats, metrics and configz by this node alone.
 */
final class SubresourceFaults {

    private static final Set<String> USAGE_FIELDS = Set.of("usageNanoCores", "usageCoreNanoSeconds", "workingSetBytes",
            "usageBytes", "rssBytes");

    private final ActiveFaults faults;
    private final String nodeName;

    SubresourceFaults(ActiveFaults faults, String nodeName) {
        this.faults = faults;
        this.nodeName = nodeName;
    }

    Optional<SubresourceFault> forPod(String kind, Pod pod) {
        return first(kind, faults.matching(SubresourceFault.class, nodeName, PodFacts.of(pod)));
    }

    Optional<SubresourceFault> forNode(String kind) {
        return first(kind, faults.matching(SubresourceFault.class, nodeName, null));
    }

    private static Optional<SubresourceFault> first(String kind, List<SubresourceFault> matching) {
        return matching.stream().filter(f -> f.kind().equals(kind)).findFirst();
    }

    static boolean fails(SubresourceFault f) {
        return f.behaviour().equals("fail");
    }

    static Duration hang(Optional<SubresourceFault> f) {
        return f.filter(x -> x.behaviour().equals("hang")).map(x -> Duration.ofMillis((long) (x.hangSeconds() * 1000)))
                .orElse(Duration.ZERO);
    }

    /**
     * A stats summary with every usage figure multiplied by the fault's factor, within the fault's
     * scope: a kubelet can get one level wrong (D-31: the node's own figure) while the rest is right.
     */
    static String wrongSummary(String json, SubresourceFault f) {
        JsonNode tree = Serialization.jsonMapper().readTree(json);
        scale(f.scope().equals("all") ? tree : tree.path(f.scope()), f.factor());
        return Serialization.jsonMapper().writeValueAsString(tree);
    }

    private static void scale(JsonNode node, double factor) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
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
    static String wrongMetrics(String text, double factor) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                out.append(line).append('\n');
                continue;
            }
            int valueStart = line.lastIndexOf('}') >= 0 ? line.lastIndexOf('}') + 2 : line.indexOf(' ') + 1;
            int valueEnd = line.indexOf(' ', valueStart);
            String value = valueEnd < 0 ? line.substring(valueStart) : line.substring(valueStart, valueEnd);
            String scaled = String.format(Locale.ROOT, "%.6f", Double.parseDouble(value) * factor);
            out.append(line, 0, valueStart).append(scaled).append(valueEnd < 0 ? "" : line.substring(valueEnd)).append('\n');
        }
        return out.toString();
    }
}
