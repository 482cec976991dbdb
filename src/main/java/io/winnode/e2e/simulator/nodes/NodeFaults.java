package io.winnode.e2e.simulator.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.Mechanisms.NodeFault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code node} faults to the selected Node objects through the API, every pass, so that
 * whatever resets a node (the kubelet's own status updates, the node lifecycle controller) is
 * overridden again: the change is "kept", as a misconfigured node agent or a faulty cloud
 * controller keeps re-applying it. It writes with the installer's (admin) client: NodeRestriction
 * would refuse a kubelet changing its own taints and most labels, and these defects came from
 * provisioning as often as from kubelets.
 */
final class NodeFaults implements AutoCloseable {

    private final KubernetesClient client;
    private final SharedIndexInformer<Node> nodes;
    private final ActiveFaults faults;

    NodeFaults(KubernetesClient client, ActiveFaults faults) {
        this.client = client;
        this.nodes = client.nodes().inform();
        this.faults = faults;
    }

    void reconcile() {
        for (Node node : nodes.getStore().list()) {
            List<NodeFault> active = faults.matching(NodeFault.class, node.getMetadata().getName(), null);
            if (active.isEmpty()) {
                continue;
            }
            Node wanted = Serialization.clone(node);
            active.forEach(f -> apply(f, wanted));
            if (!Serialization.asJson(wanted.getMetadata().getLabels()).equals(Serialization.asJson(node.getMetadata().getLabels()))
                    || !Serialization.asJson(wanted.getSpec()).equals(Serialization.asJson(node.getSpec()))) {
                update(() -> client.nodes().resource(wanted).update());
            }
            if (!Serialization.asJson(wanted.getStatus()).equals(Serialization.asJson(node.getStatus()))) {
                update(() -> client.nodes().resource(wanted).updateStatus());
            }
        }
    }

    private static void update(Runnable write) {
        try {
            write.run();
        } catch (KubernetesClientException e) {
            // A conflict with another writer: the next pass applies the fault again.
        }
    }

    static void apply(NodeFault f, Node node) {
        Map<String, String> labels = new HashMap<>(node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels());
        f.removeLabels().forEach(labels::remove);
        labels.putAll(f.setLabels());
        node.getMetadata().setLabels(labels);
        List<Taint> taints = new ArrayList<>(node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints());
        for (var t : f.addTaints()) {
            boolean present = taints.stream().anyMatch(x -> x.getKey().equals(t.key()) && x.getEffect().equals(t.effect()));
            if (!present) {
                taints.add(new TaintBuilder().withKey(t.key()).withValue(t.value()).withEffect(t.effect()).build());
            }
        }
        node.getSpec().setTaints(taints);
        List<NodeCondition> conditions = new ArrayList<>(node.getStatus().getConditions());
        for (var c : f.setConditions()) {
            NodeCondition existing = conditions.stream().filter(x -> x.getType().equals(c.type())).findFirst().orElse(null);
            if (existing == null) {
                existing = new NodeCondition();
                existing.setType(c.type());
                conditions.add(existing);
            }
            if (!c.status().equals(existing.getStatus())) {
                existing.setLastTransitionTime(Instant.now().toString());
            }
            existing.setStatus(c.status());
            existing.setReason(c.reason());
            existing.setMessage(c.message());
        }
        node.getStatus().setConditions(conditions);
        if (!f.allocatable().isEmpty()) {
            Map<String, Quantity> allocatable = new HashMap<>(node.getStatus().getAllocatable());
            f.allocatable().forEach((k, v) -> allocatable.put(k, new Quantity(v)));
            node.getStatus().setAllocatable(allocatable);
        }
    }

    @Override
    public void close() {
        nodes.close();
    }
}
