package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The ReplicaSet controller: keeps {@code spec.replicas} active pods from the template and reports their counts. */
public final class ReplicaSetController implements Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;
    private final Expectations expectations = new Expectations(Duration.ofSeconds(5));

    public ReplicaSetController(KubernetesClient client, ClusterCache cache, EventRecorder events) {
        this.client = client;
        this.cache = cache;
        this.events = events;
    }

    @Override
    public String name() {
        return "replicaset-controller";
    }

    @Override
    public void reconcile() {
        for (ReplicaSet rs : cache.replicaSets.getStore().list()) {
            if (rs.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String ns = rs.getMetadata().getNamespace();
            List<Pod> owned = cache.pods.getStore().list().stream()
                    .filter(p -> ns.equals(p.getMetadata().getNamespace()) && Ownership.ownedBy(p, rs)).toList();
            List<Pod> active = owned.stream().filter(Ownership::isActive).toList();
            int desired = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
            String uid = rs.getMetadata().getUid();
            if (expectations.satisfied(uid, active.size())) {
                try {
                    if (active.size() < desired) {
                        for (int i = active.size(); i < desired; i++) {
                            Pod created;
                            try {
                                created = client.pods().inNamespace(ns).resource(newPod(rs)).create();
                            } catch (KubernetesClientException e) {
                                // e.g. rejected by PodSecurity admission: reported like the real controller does
                                String why = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
                                events.warning(rs, "FailedCreate", "Error creating: " + why, "replicaset-controller", null);
                                break;
                            }
                            events.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName(),
                                    "replicaset-controller", null);
                        }
                        expectations.expect(uid, desired);
                    } else if (active.size() > desired) {
                        List<Pod> victims = active.stream()
                                .sorted(Comparator.comparing((Pod p) -> Ownership.isReady(p))
                                        .thenComparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp()), Comparator.reverseOrder()))
                                .limit(active.size() - desired).toList();
                        for (Pod victim : victims) {
                            client.pods().inNamespace(ns).withName(victim.getMetadata().getName()).delete();
                            events.normal(rs, "SuccessfulDelete", "Deleted pod: " + victim.getMetadata().getName(),
                                    "replicaset-controller", null);
                        }
                        expectations.expect(uid, desired);
                    }
                } catch (KubernetesClientException e) {
                    // retried on the next pass
                }
            }
            int ready = (int) active.stream().filter(Ownership::isReady).count();
            ReplicaSetStatus status = new ReplicaSetStatusBuilder().withReplicas(active.size())
                    .withFullyLabeledReplicas(active.size()).withReadyReplicas(ready).withAvailableReplicas(ready)
                    .withObservedGeneration(rs.getMetadata().getGeneration()).build();
            if (!Objects.equals(status, rs.getStatus())) {
                writeStatus(rs, status);
            }
        }
    }

    private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
        ReplicaSet update = new ReplicaSetBuilder().withNewMetadata().withName(rs.getMetadata().getName())
                .withNamespace(rs.getMetadata().getNamespace()).endMetadata().withStatus(status).build();
        try {
            client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(update).updateStatus();
        } catch (KubernetesClientException e) {
            // retried on the next pass
        }
    }

    private static Pod newPod(ReplicaSet rs) {
        return new PodBuilder().withNewMetadataLike(rs.getSpec().getTemplate().getMetadata() == null
                        ? new io.fabric8.kubernetes.api.model.ObjectMeta() : rs.getSpec().getTemplate().getMetadata())
                .withName(null).withGenerateName(rs.getMetadata().getName() + "-")
                .withNamespace(rs.getMetadata().getNamespace())
                .withOwnerReferences(Ownership.controllerRef(rs)).endMetadata()
                .withSpec(rs.getSpec().getTemplate().getSpec()).build();
    }
}
