package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The garbage collector with background propagation: an object whose owners (by ownerReference
 * uid) no longer exist is deleted — Deployment → ReplicaSet → Pod, DaemonSet → Pod, Job → Pod,
 * Service → EndpointSlice.
 */
public final class GarbageCollector implements Controller {

    private static final Set<String> OWNER_KINDS = Set.of("Deployment", "ReplicaSet", "DaemonSet", "Job", "Service");

    private final KubernetesClient client;
    private final ClusterCache cache;

    public GarbageCollector(KubernetesClient client, ClusterCache cache) {
        this.client = client;
        this.cache = cache;
    }

    @Override
    public String name() {
        return "garbage-collector";
    }

    @Override
    public void reconcile() {
        Set<String> live = new HashSet<>();
        Stream.of(cache.deployments, cache.replicaSets, cache.daemonSets, cache.jobs, cache.services)
                .flatMap(i -> i.getStore().list().stream())
                .forEach(o -> live.add(((HasMetadata) o).getMetadata().getUid()));
        for (HasMetadata o : cache.replicaSets.getStore().list()) {
            collect(o, live, () -> client.apps().replicaSets().inNamespace(o.getMetadata().getNamespace())
                    .withName(o.getMetadata().getName()).delete());
        }
        for (HasMetadata o : cache.pods.getStore().list()) {
            collect(o, live, () -> client.pods().inNamespace(o.getMetadata().getNamespace())
                    .withName(o.getMetadata().getName()).delete());
        }
        for (HasMetadata o : cache.endpointSlices.getStore().list()) {
            collect(o, live, () -> client.discovery().v1().endpointSlices().inNamespace(o.getMetadata().getNamespace())
                    .withName(o.getMetadata().getName()).delete());
        }
    }

    private static void collect(HasMetadata object, Set<String> live, Runnable delete) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
            return;
        }
        boolean managed = refs.stream().allMatch(r -> OWNER_KINDS.contains(r.getKind()));
        boolean orphan = refs.stream().noneMatch(r -> live.contains(r.getUid()));
        if (managed && orphan) {
            try {
                delete.run();
            } catch (KubernetesClientException e) {
                // retried on the next pass
            }
        }
    }
}
