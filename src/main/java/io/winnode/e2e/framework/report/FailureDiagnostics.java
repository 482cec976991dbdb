package io.winnode.e2e.framework.report;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qameta.allure.Allure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a person needs to understand a failed test, captured before cleanup removes it: the pods'
 * YAML, the namespace's events, every container's log and the description of each node involved.
 * Each is an Allure attachment of the failed test.
 */
public final class FailureDiagnostics {

    private static final Logger LOG = LoggerFactory.getLogger(FailureDiagnostics.class);
    private static final int LOG_LINES = 200;

    private final KubernetesClient client;

    public FailureDiagnostics(KubernetesClient client) {
        this.client = client;
    }

    public void capture(String namespace) {
        try {
            List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
            Allure.addAttachment("pods in " + namespace, "application/yaml", Serialization.asYaml(pods), ".yaml");
            Allure.addAttachment("events in " + namespace, "text/plain", events(namespace), ".txt");
            for (Pod pod : pods) {
                containersOf(pod).forEach(c -> Allure.addAttachment("log " + pod.getMetadata().getName() + "/" + c,
                        "text/plain", log(namespace, pod.getMetadata().getName(), c), ".txt"));
            }
            var nodeNames = new TreeSet<String>();
            pods.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull).forEach(nodeNames::add);
            for (String node : nodeNames) {
                Allure.addAttachment("node " + node, "application/yaml",
                        Serialization.asYaml(client.nodes().withName(node).get()), ".yaml");
            }
        } catch (RuntimeException e) {
            // Diagnostics must never hide the failure they describe.
            LOG.warn("Could not capture diagnostics for namespace {}: {}", namespace, e.toString());
        }
    }

    private String events(String namespace) {
        var out = new StringBuilder();
        client.v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp())))
                .forEach(e -> out.append(String.format("%s %-8s %-22s %s/%s: %s%n", e.getLastTimestamp(), e.getType(),
                        e.getReason(), e.getInvolvedObject().getKind(), e.getInvolvedObject().getName(), e.getMessage())));
        return out.isEmpty() ? "(no events)" : out.toString();
    }

    private static Stream<String> containersOf(Pod pod) {
        Stream<Container> init = pod.getSpec().getInitContainers() == null ? Stream.empty() : pod.getSpec().getInitContainers().stream();
        return Stream.concat(init, pod.getSpec().getContainers().stream()).map(Container::getName);
    }

    private String log(String namespace, String pod, String container) {
        try {
            String text = client.pods().inNamespace(namespace).withName(pod).inContainer(container).tailingLines(LOG_LINES).getLog();
            return text == null || text.isEmpty() ? "(empty log)" : text;
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
