package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulated data plane knows of the cluster: the Services, EndpointSlices and Nodes that
 * kube-proxy and CoreDNS watch, held in informers (list + watch through the real API server). The
 * client authenticates as {@code system:kube-proxy}, whose bootstrap role {@code system:node-proxier}
 * grants exactly these reads (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go).
 * Like the real components, the data plane sees a change only once its watch delivers it.
 */
public final class ServiceView implements AutoCloseable {

    private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> endpointSlices;
    private final SharedIndexInformer<Node> nodes;

    public ServiceView(KubernetesClient client) {
        this.services = client.services().inAnyNamespace().inform();
        this.endpointSlices = client.discovery().v1().endpointSlices().inAnyNamespace().inform();
        this.nodes = client.nodes().inform();
        awaitSynced(Duration.ofSeconds(30));
    }

    private void awaitSynced(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!(services.hasSynced() && endpointSlices.hasSynced() && nodes.hasSynced())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The data plane's Service, EndpointSlice and Node informers did not sync within "
                        + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public List<Service> services() {
        return services.getStore().list();
    }

    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.getStore().getByKey(namespace + "/" + name));
    }

    public List<EndpointSlice> endpointSlices() {
        return endpointSlices.getStore().list();
    }

    /** The slices of one Service, found by the label the EndpointSlice controller sets. */
    public List<EndpointSlice> endpointSlicesOf(String namespace, String service) {
        return endpointSlices.getStore().list().stream()
                .filter(s -> namespace.equals(s.getMetadata().getNamespace()) && s.getMetadata().getLabels() != null
                        && Objects.equals(service, s.getMetadata().getLabels().get(SERVICE_NAME_LABEL)))
                .toList();
    }

    public List<Node> nodes() {
        return nodes.getStore().list();
    }

    @Override
    public void close() {
        services.close();
        endpointSlices.close();
        nodes.close();
    }
}
