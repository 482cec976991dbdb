package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.winnode.e2e.simulator.faults.ClusterEvents;

/**
 * Feeds {@code when.afterEvent} from the shared Service and Pod informers, as any controller
 * observes API events: by watch, not by peeking into the store.
 */
final class FaultEventFeed {

    private FaultEventFeed() {
    }

    static void attach(ClusterCache cache, ClusterEvents events) {
        // Objects listed before the handlers were added are the starting state, not events.
        cache.services.getStore().list().forEach(s -> events.preexisting(uid(s)));
        cache.pods.getStore().list().forEach(p -> events.preexisting(uid(p)));
        cache.services.addEventHandler(new ResourceEventHandler<>() {
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
        cache.pods.addEventHandler(new ResourceEventHandler<>() {
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
    }

    private static String uid(HasMetadata o) {
        return o.getMetadata().getUid();
    }
}
