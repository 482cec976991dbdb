package io.winnode.e2e.simulator.nodes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.winnode.e2e.simulator.faults.ClusterEvents;

/**
 * Feeds {@code when.afterEvent} from the shared Service and Pod informers, as any controller
 * observes API events: by watch, not by peeking into the store.
 */
final class FaultEventFeed implements AutoCloseable {

    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<Pod> pods;

    private FaultEventFeed(SharedIndexInformer<Service> services, SharedIndexInformer<Pod> pods) {
        this.services = services;
        this.pods = pods;
    }

    static FaultEventFeed attach(KubernetesClient client, ClusterEvents events) {
        SharedIndexInformer<Service> services = client.services().inAnyNamespace().inform();
        SharedIndexInformer<Pod> pods = client.pods().inAnyNamespace().inform();
        // Objects listed before the handlers were added are the starting state, not events.
        services.getStore().list().forEach(s -> events.preexisting(uid(s)));
        pods.getStore().list().forEach(p -> events.preexisting(uid(p)));
        services.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Service s) {
                events.serviceAdded(uid(s), s.getMetadata().getNamespace(), s.getMetadata().getName());
            }

            @Override
            public void onUpdate(Service oldObj, Service newObj) {
            }

            @Override
            public void onDelete(Service s, boolean unknownFinalState) {
                events.serviceDeleted(s.getMetadata().getNamespace(), s.getMetadata().getName());
            }
        });
        pods.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                events.podAdded(uid(p), p.getMetadata().getNamespace());
            }

            @Override
            public void onUpdate(Pod oldObj, Pod newObj) {
            }

            @Override
            public void onDelete(Pod p, boolean unknownFinalState) {
                events.podDeleted(p.getMetadata().getNamespace());
            }
        });
        return new FaultEventFeed(services, pods);
    }

    @Override
    public void close() {
        services.close();
        pods.close();
    }

    private static String uid(HasMetadata o) {
        return o.getMetadata().getUid();
    }
}
