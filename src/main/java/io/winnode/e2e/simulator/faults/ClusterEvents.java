package io.winnode.e2e.simulator.faults;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API events {@code when.afterEvent} waits for, as a watcher of Services and Pods observes them
 * (fed by informer handlers). Objects that existed before the faults were armed are not events.
 */
public final class ClusterEvents {

    private record Observed(String kind, String namespace, Instant at) {
    }

    private final List<Observed> observed = new CopyOnWriteArrayList<>();
    private final Set<String> deletedServices = ConcurrentHashMap.newKeySet();
    private final Set<String> preexisting = ConcurrentHashMap.newKeySet();

    /** Objects (by uid) present when the watch started: their initial "add" is a list, not a creation. */
    public void preexisting(String uid) {
        preexisting.add(uid);
    }

    public void serviceAdded(String uid, String namespace, String name) {
        if (preexisting.contains(uid)) {
            return;
        }
        record("serviceCreated", namespace);
        if (deletedServices.remove(namespace + "/" + name)) {
            record("serviceRecreated", namespace);
        }
    }

    public void serviceDeleted(String namespace, String name) {
        deletedServices.add(namespace + "/" + name);
        record("serviceDeleted", namespace);
    }

    public void podAdded(String uid, String namespace) {
        if (!preexisting.contains(uid)) {
            record("podCreated", namespace);
        }
    }

    public void podDeleted(String namespace) {
        record("podDeleted", namespace);
    }

    void record(String kind, String namespace) {
        observed.add(new Observed(kind, namespace, Instant.now()));
    }

    /** When the first matching event happened; null = not yet. */
    Instant first(When.AfterEvent event) {
        for (Observed o : observed) {
            if (o.kind().equals(event.kind()) && (event.namespaces() == null || event.namespaces().contains(o.namespace()))) {
                return o.at();
            }
        }
        return null;
    }
}
