package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Deployment controller: one ReplicaSet per pod template ({@code <name>-<pod-template-hash>}),
 * the current one scaled to {@code spec.replicas} and older ones scaled to zero once it is ready
 * (a rolling update without surge bookkeeping); status counts and the Available/Progressing conditions.
 */
public final class DeploymentController implements Controller {

    private static final String HASH = "pod-template-hash";
    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;

    public DeploymentController(KubernetesClient client, ClusterCache cache, EventRecorder events) {
        this.client = client;
        this.cache = cache;
        this.events = events;
    }

    @Override
    public String name() {
        return "deployment-controller";
    }

    @Override
    public void reconcile() {
        for (Deployment d : cache.deployments.getStore().list()) {
            if (d.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                sync(d);
            } catch (KubernetesClientException e) {
                // retried on the next pass
            }
        }
    }

    private void sync(Deployment d) {
        String ns = d.getMetadata().getNamespace();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        String hash = Ownership.shortHash(Serialization.asJson(d.getSpec().getTemplate()), 10);
        List<ReplicaSet> owned = cache.replicaSets.getStore().list().stream()
                .filter(rs -> ns.equals(rs.getMetadata().getNamespace()) && Ownership.ownedBy(rs, d)).toList();
        ReplicaSet current = owned.stream().filter(rs -> hash.equals(labels(rs).get(HASH))).findFirst().orElse(null);
        if (current == null) {
            int revision = owned.stream().mapToInt(rs -> Integer.parseInt(
                    rs.getMetadata().getAnnotations() == null ? "0" : rs.getMetadata().getAnnotations().getOrDefault(REVISION, "0")))
                    .max().orElse(0) + 1;
            ReplicaSet created = client.apps().replicaSets().inNamespace(ns).resource(newReplicaSet(d, hash, desired, revision)).create();
            events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + created.getMetadata().getName() + " from 0 to "
                    + desired, "deployment-controller", null);
            return;
        }
        if (!Objects.equals(current.getSpec().getReplicas(), desired)) {
            int from = current.getSpec().getReplicas() == null ? 0 : current.getSpec().getReplicas();
            scale(current, desired);
            events.normal(d, "ScalingReplicaSet", "Scaled " + (desired > from ? "up" : "down") + " replica set "
                    + current.getMetadata().getName() + " from " + from + " to " + desired, "deployment-controller", null);
        }
        int currentReady = current.getStatus() == null || current.getStatus().getReadyReplicas() == null ? 0
                : current.getStatus().getReadyReplicas();
        if (currentReady >= desired) {
            for (ReplicaSet old : owned) {
                if (old != current && (old.getSpec().getReplicas() == null || old.getSpec().getReplicas() > 0)) {
                    scale(old, 0);
                    events.normal(d, "ScalingReplicaSet", "Scaled down replica set " + old.getMetadata().getName() + " from "
                            + old.getSpec().getReplicas() + " to 0", "deployment-controller", null);
                }
            }
        }
        writeStatus(d, owned, current, desired);
    }

    private void scale(ReplicaSet rs, int replicas) {
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
                .edit(r -> {
                    r.getSpec().setReplicas(replicas);
                    return r;
                });
    }

    private void writeStatus(Deployment d, List<ReplicaSet> owned, ReplicaSet current, int desired) {
        int replicas = 0;
        int ready = 0;
        for (ReplicaSet rs : owned) {
            if (rs.getStatus() != null) {
                replicas += nz(rs.getStatus().getReplicas());
                ready += nz(rs.getStatus().getReadyReplicas());
            }
        }
        int updated = current.getStatus() == null ? 0 : nz(current.getStatus().getReplicas());
        boolean available = ready >= desired;
        boolean complete = available && updated == desired && replicas == desired;
        DeploymentStatus previous = d.getStatus();
        List<DeploymentCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "Available", available ? "True" : "False",
                available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                available ? "Deployment has minimum availability." : "Deployment does not have minimum availability."));
        conditions.add(condition(previous, "Progressing", "True", complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                "ReplicaSet \"" + current.getMetadata().getName() + "\" " + (complete ? "has successfully progressed." : "is progressing.")));
        DeploymentStatus status = new DeploymentStatus();
        status.setReplicas(replicas);
        status.setUpdatedReplicas(updated);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(ready);
        status.setUnavailableReplicas(Math.max(0, desired - ready) == 0 ? null : Math.max(0, desired - ready));
        status.setObservedGeneration(d.getMetadata().getGeneration());
        status.setConditions(conditions);
        if (sameIgnoringTimes(status, previous)) {
            return;
        }
        Deployment update = new DeploymentBuilder().withNewMetadata().withName(d.getMetadata().getName())
                .withNamespace(d.getMetadata().getNamespace()).endMetadata().withStatus(status).build();
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(update).updateStatus();
    }

    private static boolean sameIgnoringTimes(DeploymentStatus a, DeploymentStatus b) {
        if (b == null) {
            return false;
        }
        DeploymentStatus x = Serialization.clone(a);
        DeploymentStatus y = Serialization.clone(b);
        for (DeploymentStatus s : List.of(x, y)) {
            if (s.getConditions() != null) {
                s.getConditions().forEach(c -> {
                    c.setLastTransitionTime(null);
                    c.setLastUpdateTime(null);
                });
            }
        }
        return x.equals(y);
    }

    private static DeploymentCondition condition(DeploymentStatus previous, String type, String status, String reason, String message) {
        String now = Instant.now().toString();
        String since = now;
        if (previous != null && previous.getConditions() != null) {
            for (DeploymentCondition c : previous.getConditions()) {
                if (type.equals(c.getType()) && status.equals(c.getStatus())) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        DeploymentCondition c = new DeploymentCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(since);
        c.setLastUpdateTime(since);
        return c;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static Map<String, String> labels(ReplicaSet rs) {
        return rs.getMetadata().getLabels() == null ? Map.of() : rs.getMetadata().getLabels();
    }

    private static ReplicaSet newReplicaSet(Deployment d, String hash, int replicas, int revision) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).build();
        Map<String, String> podLabels = new HashMap<>(template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels());
        podLabels.put(HASH, hash);
        template = new PodTemplateSpecBuilder(template).editOrNewMetadata().withLabels(podLabels).endMetadata().build();
        LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(HASH, hash).build();
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(d.getMetadata().getName() + "-" + hash).withNamespace(d.getMetadata().getNamespace())
                    .withLabels(podLabels).withAnnotations(Map.of(REVISION, String.valueOf(revision),
                            "deployment.kubernetes.io/desired-replicas", String.valueOf(replicas)))
                    .withOwnerReferences(Ownership.controllerRef(d)).endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(selector).withTemplate(template).endSpec()
                .build();
    }
}
