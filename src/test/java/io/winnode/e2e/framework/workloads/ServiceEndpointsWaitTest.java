package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.lifecycle.Ownership;
import io.winnode.e2e.framework.lifecycle.ResourceManager;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.wait.Timeouts;
import io.winnode.e2e.framework.wait.WaitTimeoutError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * B2: a Service counts as ready only on the EndpointSlices it owns. After a Service is deleted and
 * created again (NET-01e), its predecessor's slice (same {@code kubernetes.io/service-name} label,
 * owner uid of the deleted object) can still be listed until the garbage collector removes it.
 */
@EnableKubernetesMockClient(crud = true)
class ServiceEndpointsWaitTest {

    private static final String NS = "ns";

    KubernetesClient client;

    private Workloads workloads() {
        // 1/600 of the 60 s endpoint budget: 100 ms, enough for a mock server that answers at once.
        return new Workloads(client, new ResourceManager(client, new Ownership("run", "test")), new Placement(new NodeInventory(List.of())),
                new ImageCatalog(List.of(), null), new Timeouts(1.0 / 600), NS);
    }

    /** Creates the Service and returns the uid the API server gave it. */
    private String service() {
        Service service = new ServiceBuilder().withNewMetadata().withName("web").withNamespace(NS).endMetadata()
                .withNewSpec().withClusterIP("10.96.0.10").endSpec().build();
        return client.services().inNamespace(NS).resource(service).create().getMetadata().getUid();
    }

    private void sliceOwnedBy(String sliceName, String ownerUid, String address) {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName(sliceName).withNamespace(NS)
                .addToLabels("kubernetes.io/service-name", "web")
                .addNewOwnerReference().withApiVersion("v1").withKind("Service").withName("web").withUid(ownerUid)
                .withController(true).endOwnerReference().endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses(address).withNewConditions().withReady(true).endConditions()
                .endEndpoint().build();
        client.discovery().v1().endpointSlices().inNamespace(NS).resource(slice).create();
    }

    @Test
    void aRecreatedServiceDoesNotPassOnItsPredecessorsSlice() {
        service();
        sliceOwnedBy("web-old", "uid-of-the-deleted-service", "10.244.1.5");

        assertThatThrownBy(() -> workloads().serviceWithReadyEndpoints("web", 1))
                .isInstanceOf(WaitTimeoutError.class).hasMessageContaining("own EndpointSlices");
    }

    @Test
    void aServiceIsReadyOnTheSliceItOwns() {
        String uid = service();
        sliceOwnedBy("web-old", "uid-of-the-deleted-service", "10.244.1.5");
        sliceOwnedBy("web-new", uid, "10.244.1.6");

        Service ready = workloads().serviceWithReadyEndpoints("web", 1);

        assertThat(ready.getMetadata().getUid()).isEqualTo(uid);
    }
}
