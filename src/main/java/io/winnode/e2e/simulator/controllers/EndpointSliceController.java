package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The EndpointSlice controller: for every Service with a selector, one {@code discovery.k8s.io/v1}
 * slice (label {@code kubernetes.io/service-name}) listing the selected pods that have an IP, with
 * ready/serving/terminating conditions, nodeName and targetRef, and the ports resolved from
 * {@code targetPort} (numbers as is, names looked up among the pod's container ports).
 */
public final class EndpointSliceController implements Controller {

    static final String SERVICE_NAME = "kubernetes.io/service-name";
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final java.util.function.Supplier<java.time.Duration> jitter;

    public EndpointSliceController(KubernetesClient client, ClusterCache cache) {
        this(client, cache, () -> java.time.Duration.ZERO);
    }

    /** {@code jitter}: a small seeded delay before each slice write, so that endpoint-programming races surface. */
    public EndpointSliceController(KubernetesClient client, ClusterCache cache, java.util.function.Supplier<java.time.Duration> jitter) {
        this.client = client;
        this.cache = cache;
        this.jitter = jitter;
    }

    private void pause() {
        long ms = jitter.get().toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String name() {
        return "endpointslice-controller";
    }

    @Override
    public void reconcile() {
        for (Service svc : cache.services.getStore().list()) {
            Map<String, String> selector = svc.getSpec().getSelector();
            if (selector == null || selector.isEmpty() || svc.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                sync(svc);
            } catch (KubernetesClientException e) {
                // retried on the next pass
            }
        }
    }

    private void sync(Service svc) {
        String ns = svc.getMetadata().getNamespace();
        List<Pod> pods = cache.pods.getStore().list().stream()
                .filter(p -> ns.equals(p.getMetadata().getNamespace()))
                .filter(p -> Ownership.matches(new LabelSelectorBuilder().withMatchLabels(svc.getSpec().getSelector()).build(),
                        p.getMetadata().getLabels()))
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null && !Ownership.isTerminal(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        List<Endpoint> endpoints = pods.stream().map(p -> {
            boolean terminating = p.getMetadata().getDeletionTimestamp() != null;
            boolean ready = Ownership.isReady(p) && !terminating;
            return new EndpointBuilder().withAddresses(p.getStatus().getPodIP())
                    .withNewConditions().withReady(ready).withServing(Ownership.isReady(p)).withTerminating(terminating).endConditions()
                    .withNodeName(p.getSpec().getNodeName())
                    .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withNamespace(ns)
                            .withName(p.getMetadata().getName()).withUid(p.getMetadata().getUid()).build())
                    .build();
        }).toList();
        List<EndpointPort> ports = svc.getSpec().getPorts().stream().map(sp -> new EndpointPortBuilder()
                .withName(sp.getName() == null ? "" : sp.getName()).withProtocol(sp.getProtocol())
                .withAppProtocol(sp.getAppProtocol()).withPort(resolve(sp, pods)).build()).toList();
        String name = svc.getMetadata().getName() + "-" + Ownership.shortHash(svc.getMetadata().getUid(), 5);
        EndpointSlice existing = cache.endpointSlices.getStore().list().stream()
                .filter(s -> ns.equals(s.getMetadata().getNamespace()) && name.equals(s.getMetadata().getName()))
                .findFirst().orElse(null);
        if (existing == null) {
            EndpointSlice slice = new EndpointSliceBuilder()
                    .withNewMetadata().withName(name).withNamespace(ns)
                        .withLabels(Map.of(SERVICE_NAME, svc.getMetadata().getName(), MANAGED_BY, "endpointslice-controller.k8s.io"))
                        .withOwnerReferences(Ownership.controllerRef(svc)).endMetadata()
                    .withAddressType("IPv4").withEndpoints(endpoints).withPorts(ports).build();
            pause();
            client.discovery().v1().endpointSlices().inNamespace(ns).resource(slice).create();
        } else if (!Objects.equals(existing.getEndpoints(), endpoints) || !Objects.equals(existing.getPorts(), ports)) {
            pause();
            client.discovery().v1().endpointSlices().inNamespace(ns).withName(name).edit(s -> {
                s.setEndpoints(endpoints);
                s.setPorts(ports);
                return s;
            });
        }
    }

    private static Integer resolve(ServicePort sp, List<Pod> pods) {
        IntOrString target = sp.getTargetPort();
        if (target == null) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        for (Pod p : pods) {
            for (Container c : p.getSpec().getContainers()) {
                Optional<ContainerPort> port = c.getPorts() == null ? Optional.empty()
                        : c.getPorts().stream().filter(cp -> target.getStrVal().equals(cp.getName())).findFirst();
                if (port.isPresent()) {
                    return port.get().getContainerPort();
                }
            }
        }
        return null;
    }
}
