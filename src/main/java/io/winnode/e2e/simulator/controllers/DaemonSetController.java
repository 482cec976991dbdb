package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The DaemonSet controller: one pod per eligible node — the node must match the template's
 * nodeSelector/affinity and its NoSchedule/NoExecute taints must be tolerated (plus the tolerations
 * the controller adds itself, e.g. not-ready, unschedulable; not {@code os=windows}). Pods are
 * pinned with a required node affinity on {@code metadata.name} and bound by the scheduler, as since 1.12.
 */
public final class DaemonSetController implements Controller {

    private static final List<Toleration> DAEMON_TOLERATIONS = List.of(
            toleration("node.kubernetes.io/not-ready", "NoExecute"),
            toleration("node.kubernetes.io/unreachable", "NoExecute"),
            toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/unschedulable", "NoSchedule"));

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;
    private final Expectations expectations = new Expectations(Duration.ofSeconds(5));

    public DaemonSetController(KubernetesClient client, ClusterCache cache, EventRecorder events) {
        this.client = client;
        this.cache = cache;
        this.events = events;
    }

    private static Toleration toleration(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
    }

    @Override
    public String name() {
        return "daemonset-controller";
    }

    @Override
    public void reconcile() {
        for (DaemonSet ds : cache.daemonSets.getStore().list()) {
            if (ds.getMetadata().getDeletionTimestamp() == null) {
                try {
                    sync(ds);
                } catch (KubernetesClientException e) {
                    // retried on the next pass
                }
            }
        }
    }

    private void sync(DaemonSet ds) {
        String ns = ds.getMetadata().getNamespace();
        PodSpec template = withDaemonTolerations(ds.getSpec().getTemplate().getSpec());
        List<Node> eligible = cache.nodes.getStore().list().stream()
                .filter(n -> NodeMatching.matchesSelectorAndAffinity(template, n))
                .filter(n -> NodeMatching.untoleratedTaint(template, n).isEmpty()).toList();
        List<Pod> owned = cache.pods.getStore().list().stream()
                .filter(p -> ns.equals(p.getMetadata().getNamespace()) && Ownership.ownedBy(p, ds) && Ownership.isActive(p)).toList();
        Map<String, Pod> byNode = new HashMap<>();
        for (Pod p : owned) {
            byNode.put(targetNode(p), p);
        }
        String uid = ds.getMetadata().getUid();
        if (expectations.satisfied(uid, owned.size())) {
            int expected = owned.size();
            for (Node n : eligible) {
                if (!byNode.containsKey(n.getMetadata().getName())) {
                    Pod created = client.pods().inNamespace(ns).resource(newPod(ds, template, n.getMetadata().getName())).create();
                    events.normal(ds, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName(), "daemonset-controller", null);
                    expected++;
                }
            }
            List<String> eligibleNames = eligible.stream().map(n -> n.getMetadata().getName()).toList();
            for (Map.Entry<String, Pod> e : byNode.entrySet()) {
                if (!eligibleNames.contains(e.getKey())) {
                    client.pods().inNamespace(ns).withName(e.getValue().getMetadata().getName()).delete();
                    expected--;
                }
            }
            expectations.expect(uid, expected);
        }
        int scheduled = (int) eligible.stream().filter(n -> byNode.containsKey(n.getMetadata().getName())).count();
        int ready = (int) eligible.stream().map(n -> byNode.get(n.getMetadata().getName()))
                .filter(Objects::nonNull).filter(Ownership::isReady).count();
        DaemonSetStatus status = new DaemonSetStatus();
        status.setDesiredNumberScheduled(eligible.size());
        status.setCurrentNumberScheduled(scheduled);
        status.setUpdatedNumberScheduled(scheduled);
        status.setNumberMisscheduled(byNode.size() - scheduled);
        status.setNumberReady(ready);
        status.setNumberAvailable(ready);
        status.setNumberUnavailable(eligible.size() - ready == 0 ? null : eligible.size() - ready);
        status.setObservedGeneration(ds.getMetadata().getGeneration());
        if (!Objects.equals(status, ds.getStatus())) {
            DaemonSet update = new DaemonSetBuilder().withNewMetadata().withName(ds.getMetadata().getName())
                    .withNamespace(ns).endMetadata().withStatus(status).build();
            client.apps().daemonSets().inNamespace(ns).resource(update).updateStatus();
        }
    }

    private static String targetNode(Pod p) {
        if (p.getSpec().getNodeName() != null) {
            return p.getSpec().getNodeName();
        }
        try {
            return p.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues().get(0);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static PodSpec withDaemonTolerations(PodSpec spec) {
        PodSpec copy = Serialization.clone(spec);
        List<Toleration> tolerations = new ArrayList<>(copy.getTolerations() == null ? List.of() : copy.getTolerations());
        for (Toleration t : DAEMON_TOLERATIONS) {
            if (tolerations.stream().noneMatch(x -> Objects.equals(x.getKey(), t.getKey()) && Objects.equals(x.getEffect(), t.getEffect()))) {
                tolerations.add(t);
            }
        }
        copy.setTolerations(tolerations);
        return copy;
    }

    private static Pod newPod(DaemonSet ds, PodSpec template, String nodeName) {
        PodSpec spec = Serialization.clone(template);
        NodeSelectorTerm term = new NodeSelectorTermBuilder().addNewMatchField().withKey("metadata.name").withOperator("In")
                .withValues(nodeName).endMatchField().build();
        Affinity affinity = spec.getAffinity() == null ? new Affinity() : spec.getAffinity();
        affinity.setNodeAffinity(new io.fabric8.kubernetes.api.model.NodeAffinityBuilder()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(term)
                .endRequiredDuringSchedulingIgnoredDuringExecution().build());
        spec.setAffinity(affinity);
        Map<String, String> labels = new HashMap<>(ds.getSpec().getTemplate().getMetadata() == null
                || ds.getSpec().getTemplate().getMetadata().getLabels() == null ? Map.of() : ds.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("controller-revision-hash", Ownership.shortHash(Serialization.asJson(ds.getSpec().getTemplate()), 10));
        labels.put("pod-template-generation", String.valueOf(ds.getMetadata().getGeneration()));
        return new PodBuilder().withNewMetadata().withGenerateName(ds.getMetadata().getName() + "-")
                .withNamespace(ds.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(Ownership.controllerRef(ds)).endMetadata().withSpec(spec).build();
    }
}
