package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates objects for one test and deletes them again, newest first, so that dependants go before
 * what they depend on (pods before the Service and ConfigMap they use, everything before the
 * namespace). It deletes only objects it created itself.
 *
 * <p>Open managers are remembered so that an interrupted run (Ctrl-C, a killed CI job) still
 * cleans up from a JVM shutdown hook.
 */
public final class ResourceManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceManager.class);
    private static final Duration DELETE_WAIT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final Ownership ownership;
    private final Deque<HasMetadata> created = new ArrayDeque<>();

    public ResourceManager(KubernetesClient client, Ownership ownership) {
        this.client = client;
        this.ownership = ownership;
        OpenResourceManagers.register(this);
    }

    /** Creates the object, labelled as ours, and remembers it for cleanup. */
    public <T extends HasMetadata> T create(T object) {
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
        deleteNow(object);
    }

    private static boolean sameObject(HasMetadata a, HasMetadata b) {
        return a.getKind().equals(b.getKind()) && a.getMetadata().getName().equals(b.getMetadata().getName())
                && java.util.Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace());
    }

    /** Deletes everything created, newest first, and waits (bounded) until each is gone. */
    public void deleteAll() {
        while (true) {
            HasMetadata next;
            synchronized (created) {
                next = created.poll();
            }
            if (next == null) {
                break;
            }
            deleteNow(next);
        }
    }

    private void deleteNow(HasMetadata object) {
        String what = object.getKind() + " " + (object.getMetadata().getNamespace() == null ? ""
                : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName();
        try {
            client.resource(object).withGracePeriod(0).delete();
            // A namespace terminates in the background (minutes on a real cluster) and its name is
            // never reused, so nothing waits for it; every other object is awaited so that the next
            // test starts on a clean slate.
            if (!(object instanceof Namespace)) {
                client.resource(object).waitUntilCondition(o -> o == null, DELETE_WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                LOG.warn("Could not delete {}: {}. Find leftovers with: kubectl get all -A -l {}={}", what,
                        e.getMessage(), Ownership.RUN_ID, ownership.runId());
            }
        } catch (RuntimeException e) {
            LOG.warn("Gave up waiting for {} to go: {}", what, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            deleteAll();
        } finally {
            OpenResourceManagers.unregister(this);
        }
    }
}
