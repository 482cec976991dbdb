package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.winnode.e2e.framework.wait.Timeouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates objects for one test and deletes them again, newest first, so that dependants go before
 * what they depend on (pods before the Service and ConfigMap they use, everything before the
 * namespace). It deletes only objects it created itself.
 *
 * <p>Deletion is graceful and awaited: each pod gets its own termination grace period and the
 * manager waits, within upstream's deletion budget, until the API object is gone, which the kubelet
 * allows only once it has stopped the containers and the runtime has released the sandbox (on
 * Windows: the container, its HNS endpoint and any hostPort mapping). A force delete (grace 0)
 * removes the object at once while the node is still tearing down, so the next test, or a re-run's
 * hostPort pod, could meet the leftovers (real-cluster-review.md M5). Owners (a Deployment, say)
 * are deleted in the foreground, so they too are gone only once their pods are.
 *
 * <p>Open managers are remembered so that an interrupted run (Ctrl-C, a killed CI job) still
 * cleans up from a JVM shutdown hook.
 */
public final class ResourceManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);

    private final KubernetesClient client;
    private final Ownership ownership;
    private final Duration deletionBudget;
    private final Deque<HasMetadata> created = new ArrayDeque<>();
    private volatile boolean keep;

    /**
     * @param deletionBudget how long deleted objects may take to go, for all of one cleanup together:
     *                       {@link Timeouts#podDelete()} of the run
     */
    public ResourceManager(KubernetesClient client, Ownership ownership, Duration deletionBudget) {
        this.client = client;
        this.ownership = ownership;
        this.deletionBudget = deletionBudget;
        OpenResourceManagers.register(this);
    }

    /** With the unscaled deletion budget (5 min). */
    public ResourceManager(KubernetesClient client, Ownership ownership) {
        this(client, ownership, Timeouts.standard().podDelete());
    }

    /** Creates the object, labelled as ours, and remembers it for cleanup. */
    public <T extends HasMetadata> T create(T object) {
        if (OpenResourceManagers.refusingNewObjects()) {
            throw new IllegalStateException("Not creating " + describe(object) + ": the run is being interrupted and "
                    + "is deleting what it created");
        }
        ownership.stamp(object);
        T result = client.resource(object).create();
        synchronized (created) {
            created.push(result);
        }
        return result;
    }

    public List<HasMetadata> created() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }

    /**
     * Deletes one object this manager created before the test ends (to recreate it, or to watch
     * it go), waiting until it is gone.
     */
    public void delete(HasMetadata object) {
        synchronized (created) {
            created.removeIf(o -> sameObject(o, object));
        }
        deleteAndAwait(List.of(object));
    }

    /**
     * Forgets an object the test deleted itself and has already waited for (a whole deletion budget, if it
     * had to): cleanup would only wait for it again, and doubles the time a broken node costs.
     */
    public void forgetDeleted(HasMetadata object) {
        synchronized (created) {
            created.removeIf(o -> sameObject(o, object));
        }
    }

    private static boolean sameObject(HasMetadata a, HasMetadata b) {
        return a.getKind().equals(b.getKind()) && a.getMetadata().getName().equals(b.getMetadata().getName())
                && java.util.Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    /**
     * Deletes everything created: every object but namespaces first, newest first, all requested before
     * any is awaited so that their grace periods run side by side; then, once they are gone (or the
     * budget is spent), the namespaces.
     */
    public void deleteAll() {
        List<HasMetadata> objects = takeAllNewestFirst();
        deleteAndAwait(objects.stream().filter(o -> !(o instanceof Namespace)).toList());
        objects.stream().filter(o -> o instanceof Namespace).forEach(this::deleteNamespace);
    }

    /**
     * For a JVM that is shutting down (Ctrl-C, a CI job's timeout): asks for the deletion of everything
     * created, newest first, and returns without waiting; the cluster finishes the deletions on its own.
     */
    void requestDeletionOfAll() {
        takeAllNewestFirst().forEach(this::requestDeletion);
    }

    /** Removes and returns everything still to delete, newest first (the order of {@code created}). */
    private List<HasMetadata> takeAllNewestFirst() {
        var objects = new ArrayList<HasMetadata>();
        synchronized (created) {
            for (HasMetadata next = created.poll(); next != null; next = created.poll()) {
                objects.add(next);
            }
        }
        return objects;
    }

    private void deleteAndAwait(List<HasMetadata> objects) {
        var requested = new ArrayList<HasMetadata>();
        for (HasMetadata object : objects) {
            if (requestDeletion(object)) {
                requested.add(object);
            }
        }
        long deadline = System.nanoTime() + deletionBudget.toNanos();
        for (HasMetadata object : requested) {
            long leftMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                client.resource(object).waitUntilCondition(o -> o == null, leftMillis, TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                LOG.warn("{} was still there after the deletion budget of {} s: {}. Find leftovers with: kubectl get all -A -l {}={}",
                        describe(object), deletionBudget.toSeconds(), e.getMessage(), Ownership.RUN_ID, ownership.runId());
            }
        }
    }

    /**
     * Asks for a graceful deletion; false when there is nothing to wait for. Workload controllers are deleted
     * in the foreground, so that they are gone only once their pods are; everything else with the default
     * (background) policy, which needs no garbage-collector pass before the object goes.
     */
    private boolean requestDeletion(HasMetadata object) {
        try {
            if (ownsPods(object)) {
                client.resource(object).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            } else {
                client.resource(object).delete();
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                LOG.warn("Could not delete {}: {}. Find leftovers with: kubectl get all -A -l {}={}", describe(object),
                        e.getMessage(), Ownership.RUN_ID, ownership.runId());
            }
            return false;
        }
    }

    /**
     * A namespace is deleted without waiting: the namespace controller removes what is left in it in the
     * background (minutes on a real cluster, upstream allows DefaultNamespaceDeletionTimeout = 5 min in
     * test/e2e/framework/framework.go), its name is never reused, and every pod the test created in it has
     * already been awaited above.
     */
    private void deleteNamespace(HasMetadata namespace) {
        requestDeletion(namespace);
    }

    private static boolean ownsPods(HasMetadata object) {
        return object instanceof io.fabric8.kubernetes.api.model.apps.Deployment
                || object instanceof io.fabric8.kubernetes.api.model.apps.ReplicaSet
                || object instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet
                || object instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet
                || object instanceof io.fabric8.kubernetes.api.model.batch.v1.Job;
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + (object.getMetadata().getNamespace() == null ? ""
                : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName();
    }

    /**
     * {@code --keep-on-failure}: closing keeps everything this manager created instead of deleting it, and marks
     * its namespaces {@link LabelledObject#KEPT_ANNOTATION} so that later runs' sweeps leave them for a person to
     * look at, while {@code ./winnode clean} still finds them by their run label.
     */
    public void keepOnClose() {
        keep = true;
    }

    private void keepAll() {
        for (HasMetadata object : takeAllNewestFirst()) {
            if (object instanceof Namespace namespace) {
                try {
                    client.namespaces().withName(namespace.getMetadata().getName()).edit(n -> new NamespaceBuilder(n)
                            .editMetadata().addToAnnotations(LabelledObject.KEPT_ANNOTATION, "true").endMetadata().build());
                } catch (KubernetesClientException e) {
                    LOG.warn("Could not mark {} as kept: {}", describe(namespace), e.getMessage());
                }
                KeptNamespaces.add(namespace.getMetadata().getName());
            }
        }
    }

    @Override
    public void close() {
        try {
            if (keep) {
                keepAll();
            } else {
                deleteAll();
            }
        } finally {
            OpenResourceManagers.unregister(this);
        }
    }
}
