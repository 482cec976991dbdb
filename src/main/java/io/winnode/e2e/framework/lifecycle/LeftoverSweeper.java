package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Finds and removes what earlier runs left in a cluster (a run killed with SIGKILL, a CI job killed at its
 * timeout, a namespace kept by {@code --keep-on-failure}), by the rules of {@link LeftoverRules}, and
 * removes one run's objects when that run is interrupted.
 *
 * <p>A run creates its objects only in namespaces it created (the class namespaces, the pre-pull namespace and
 * its heartbeat's), so deleting a run-labelled namespace deletes everything of the run inside it, and the
 * namespace controller does so gracefully. Run-labelled objects of the namespaced kinds a run creates are
 * still looked for in every namespace, in case one ever lands outside a run namespace; those are listed and
 * deleted one by one.
 */
public final class LeftoverSweeper {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KubernetesClient client;
    private final Clock clock;

    public LeftoverSweeper(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Objects earlier runs left, oldest heartbeat first; deletes nothing. */
    public List<Leftover> find(Duration grace, String ownRunId, boolean includeKept) {
        Map<LabelledObject, HasMetadata> objects = runLabelled(o -> true);
        return LeftoverRules.select(objects.keySet(), RunHeartbeat.all(client), clock.instant(), grace, ownRunId, includeKept);
    }

    /** Asks for the deletion of each leftover; the cluster completes it (a namespace's contents first). */
    public void remove(List<Leftover> leftovers) {
        Map<LabelledObject, HasMetadata> objects = runLabelled(o -> true);
        leftovers.stream().map(l -> objects.get(l.object())).filter(o -> o != null).forEach(this::requestDeletion);
    }

    /**
     * Removes every object of {@code runId} (except namespaces kept by {@code --keep-on-failure}) and waits until
     * they are gone or {@code bound} has passed; for a run being interrupted. Repeats the listing, since a test
     * still running may create another namespace before {@link OpenResourceManagers} refuses new objects. From then
     * on no resource manager of this JVM creates anything: call it only for a run that is ending.
     *
     * @return what is still there when the bound has passed (empty when all went)
     */
    public List<LabelledObject> removeRun(String runId, Duration bound) {
        OpenResourceManagers.refuseNewObjects();
        long deadline = System.nanoTime() + bound.toNanos();
        Map<LabelledObject, HasMetadata> left = runLabelled(o -> runId.equals(o.runId()) && !o.kept());
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            left.entrySet().stream().filter(e -> !e.getKey().terminating()).map(Map.Entry::getValue)
                    .forEach(this::requestDeletion);
            sleep();
            left = runLabelled(o -> runId.equals(o.runId()) && !o.kept());
        }
        return List.copyOf(left.keySet());
    }

    /** Waits until none of {@code leftovers} is in the cluster any more, or {@code bound} has passed. */
    public List<LabelledObject> awaitGone(List<Leftover> leftovers, Duration bound) {
        Set<LabelledObject> wanted = leftovers.stream().map(Leftover::object).collect(Collectors.toSet());
        long deadline = System.nanoTime() + bound.toNanos();
        List<LabelledObject> left = stillThere(wanted);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            sleep();
            left = stillThere(wanted);
        }
        return left;
    }

    private List<LabelledObject> stillThere(Set<LabelledObject> wanted) {
        var identities = wanted.stream().map(LeftoverSweeper::identity).collect(Collectors.toSet());
        return runLabelled(o -> identities.contains(identity(o))).keySet().stream().toList();
    }

    private static String identity(LabelledObject o) {
        return o.kind() + "/" + o.namespace() + "/" + o.name();
    }

    /**
     * Every run-labelled namespace, and every run-labelled object of the kinds a run creates that is outside
     * those namespaces; each with the cluster's object, for deletion.
     */
    private Map<LabelledObject, HasMetadata> runLabelled(Predicate<LabelledObject> wanted) {
        var found = new LinkedHashMap<LabelledObject, HasMetadata>();
        List<Namespace> namespaces = client.namespaces().withLabel(Ownership.RUN_ID).list().getItems();
        Set<String> runNamespaces = namespaces.stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
        var candidates = new ArrayList<HasMetadata>(namespaces);
        candidates.addAll(client.pods().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems());
        candidates.addAll(client.services().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems());
        candidates.addAll(client.configMaps().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems());
        candidates.addAll(client.secrets().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems());
        candidates.addAll(client.apps().deployments().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems());
        candidates.addAll(client.leases().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems());
        for (HasMetadata object : candidates) {
            String namespace = object.getMetadata().getNamespace();
            if (namespace != null && runNamespaces.contains(namespace)) {
                continue; // goes with its namespace
            }
            LabelledObject labelled = LabelledObject.of(object);
            if (wanted.test(labelled)) {
                found.put(labelled, object);
            }
        }
        return found;
    }

    private void requestDeletion(HasMetadata object) {
        try {
            client.resource(object).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for leftovers to go", e);
        }
    }
}
