package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Shared informers (list + watch through the API), as kube-controller-manager, the scheduler and
 * kubelets keep them: controllers read from these caches and write through the API.
 */
public final class ClusterCache implements AutoCloseable {

    public final SharedIndexInformer<Pod> pods;
    public final SharedIndexInformer<Node> nodes;
    public final SharedIndexInformer<Service> services;
    public final SharedIndexInformer<EndpointSlice> endpointSlices;
    public final SharedIndexInformer<ReplicaSet> replicaSets;
    public final SharedIndexInformer<Deployment> deployments;
    public final SharedIndexInformer<DaemonSet> daemonSets;
    public final SharedIndexInformer<Job> jobs;
    public final SharedIndexInformer<Namespace> namespaces;

    public ClusterCache(KubernetesClient client) {
        pods = client.pods().inAnyNamespace().inform();
        nodes = client.nodes().inform();
        services = client.services().inAnyNamespace().inform();
        endpointSlices = client.discovery().v1().endpointSlices().inAnyNamespace().inform();
        replicaSets = client.apps().replicaSets().inAnyNamespace().inform();
        deployments = client.apps().deployments().inAnyNamespace().inform();
        daemonSets = client.apps().daemonSets().inAnyNamespace().inform();
        jobs = client.batch().v1().jobs().inAnyNamespace().inform();
        namespaces = client.namespaces().inform();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!all().stream().allMatch(SharedIndexInformer::hasSynced)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Simulator informers did not sync within 20 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private List<SharedIndexInformer<?>> all() {
        return List.of(pods, nodes, services, endpointSlices, replicaSets, deployments, daemonSets, jobs, namespaces);
    }

    @Override
    public void close() {
        all().forEach(SharedIndexInformer::close);
    }
}
