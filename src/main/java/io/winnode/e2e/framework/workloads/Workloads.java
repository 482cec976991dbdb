package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qameta.allure.Allure;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.lifecycle.ResourceManager;
import io.winnode.e2e.framework.manifests.ManifestTemplate;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.report.Redactor;
import io.winnode.e2e.framework.wait.Timeouts;
import io.winnode.e2e.framework.wait.Waits;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploys workload templates from {@code manifests/} into a test's namespace, placed on a side's
 * nodes, and waits for them. Every object goes through the test's {@link ResourceManager}, so it
 * is deleted after the test.
 *
 * <p>Templates may use {@code ${NAMESPACE}}, {@code ${OS}} and {@code ${image.NAME}} for any image
 * of the catalog, besides the values a scenario passes.
 */
public final class Workloads {

    private final KubernetesClient client;
    private final ResourceManager resources;
    private final Placement placement;
    private final ImageCatalog images;
    private final Timeouts timeouts;
    private final String namespace;
    private final PodTrouble trouble;

    public Workloads(KubernetesClient client, ResourceManager resources, Placement placement, ImageCatalog images,
                     Timeouts timeouts, String namespace) {
        this.client = client;
        this.resources = resources;
        this.placement = placement;
        this.images = images;
        this.timeouts = timeouts;
        this.namespace = namespace;
        this.trouble = new PodTrouble(client);
    }

    public String namespace() {
        return namespace;
    }

    /** Renders, places and creates every object of a template for one side. */
    public List<HasMetadata> deploy(String manifest, Side side, Map<String, String> values) {
        return Allure.step("deploy " + manifest + " for " + side.label(), () -> {
            List<HasMetadata> objects = load(manifest, side, values);
            objects.forEach(o -> placePods(o, side));
            return objects.stream().<HasMetadata>map(resources::create).toList();
        });
    }

    /**
     * Creates a template's objects bound straight to one node (bypassing the scheduler) with the
     * pod OS set to {@code podOs}: to see what that node's kubelet does with a pod not meant for it.
     */
    public List<HasMetadata> deployOnNode(String manifest, ClusterNode node, OsFamily podOs, Map<String, String> values) {
        Side podSide = podOs == OsFamily.LINUX ? Side.linux() : Side.anyWindows();
        return Allure.step("deploy " + manifest + " as a " + podOs.label() + " pod bound to node " + node.name(), () -> {
            List<HasMetadata> objects = load(manifest, podSide, values);
            objects.forEach(o -> podSpecOf(o).ifPresent(spec -> placement.pinToNode(spec, node, podOs)));
            return objects.stream().<HasMetadata>map(resources::create).toList();
        });
    }

    /**
     * Like {@link #deploy}, and narrows every pod to one node of the side through required node
     * affinity: the scheduler still places them (and may refuse), but only on that node.
     */
    public List<HasMetadata> deployOnOneNode(String manifest, Side side, ClusterNode node, Map<String, String> values) {
        return Allure.step("deploy " + manifest + " for " + side.label() + " on node " + node.name(), () -> {
            List<HasMetadata> objects = load(manifest, side, values);
            objects.forEach(o -> podSpecOf(o).ifPresent(spec -> {
                placement.apply(spec, side);
                placement.restrictToNode(spec, node);
            }));
            return objects.stream().<HasMetadata>map(resources::create).toList();
        });
    }

    /** Renders and parses a template without creating anything. */
    public List<HasMetadata> load(String manifest, Side side, Map<String, String> values) {
        var all = new HashMap<String, String>();
        images.images().forEach(i -> all.put("image." + i.name(), images.reference(i.name())));
        all.put("NAMESPACE", namespace);
        all.put("OS", side.os().label());
        all.putAll(values);
        String yaml = ManifestTemplate.load(manifest, side.os()).render(all);
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
        objects.forEach(o -> o.getMetadata().setNamespace(isNamespaced(o) ? namespace : null));
        // A Secret's data must never show in what the run writes, whichever output a test's failure reaches.
        objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast).forEach(Redactor.run()::rememberSecret);
        return objects;
    }

    private static boolean isNamespaced(HasMetadata object) {
        return !(object instanceof io.fabric8.kubernetes.api.model.Namespace)
                && !(object instanceof io.fabric8.kubernetes.api.model.Node);
    }

    private void placePods(HasMetadata object, Side side) {
        podSpecOf(object).ifPresent(spec -> placement.apply(spec, side));
    }

    /** The pod spec inside a Pod or a workload controller's pod template. */
    static Optional<PodSpec> podSpecOf(HasMetadata object) {
        if (object instanceof Pod pod) {
            return Optional.of(pod.getSpec());
        } else if (object instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate().getSpec());
        } else if (object instanceof DaemonSet d) {
            return Optional.of(d.getSpec().getTemplate().getSpec());
        } else if (object instanceof ReplicaSet r) {
            return Optional.of(r.getSpec().getTemplate().getSpec());
        } else if (object instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate().getSpec());
        } else if (object instanceof Job j) {
            return Optional.of(j.getSpec().getTemplate().getSpec());
        }
        return Optional.empty();
    }

    /** Waits until the pod runs and is Ready; fails at once if it fails or finishes instead. */
    public RunningPod running(String podName, Side side) {
        return Allure.step("wait for pod " + podName + " to be Running and Ready", () -> {
            Pod pod = Waits.until("pod " + namespace + "/" + podName + " (" + side.label() + ") to be Running and Ready",
                    timeouts.podStart(side.os()), () -> pod(podName), PodStates::isRunningAndReady,
                    p -> trouble.stuck(p).isPresent(),
                    p -> PodStates.describe(p) + trouble.stuck(p).map(why -> "; stuck: " + why).orElse(""));
            return RunningPod.of(pod, side.os());
        });
    }

    /** Waits until {@code count} pods labelled {@code app=<appLabel>} run and are Ready. */
    public List<RunningPod> runningReplicas(String appLabel, int count, Side side) {
        return Allure.step("wait for " + count + " replicas of " + appLabel + " to be Running and Ready", () -> {
            List<Pod> pods = Waits.until(count + " pods app=" + appLabel + " in " + namespace + " (" + side.label()
                            + ") to be Running and Ready", timeouts.podStart(side.os()),
                    () -> client.pods().inNamespace(namespace).withLabel("app", appLabel).list().getItems(),
                    list -> list.stream().filter(PodStates::isRunningAndReady).count() >= count,
                    list -> list.stream().anyMatch(p -> trouble.stuck(p).isPresent()),
                    list -> list.isEmpty() ? "no pods" : String.join("; ", list.stream()
                            .map(p -> p.getMetadata().getName() + ": " + PodStates.describe(p)).toList()));
            return pods.stream().filter(PodStates::isRunningAndReady).map(p -> RunningPod.of(p, side.os())).toList();
        });
    }

    /**
     * Waits up to {@code budget} for {@code count} pods labelled {@code app=<appLabel>} to run and be
     * Ready, stopping early when one is stuck, and reports what it saw instead of failing: for tests
     * that measure a start-up rather than just wait for it.
     */
    public PodBatch awaitBatch(String appLabel, int count, Duration budget) {
        return Allure.step("wait up to " + budget.toSeconds() + " s for " + count + " pods app=" + appLabel
                + " to be Running and Ready", () -> {
            var stuck = new java.util.concurrent.atomic.AtomicReference<String>();
            List<Pod> last = Waits.lastSeen(count + " pods app=" + appLabel + " in " + namespace + " to be Running and Ready",
                    budget, () -> client.pods().inNamespace(namespace).withLabel("app", appLabel).list().getItems(),
                    pods -> {
                        if (pods.stream().filter(PodStates::isRunningAndReady).count() >= count) {
                            return true;
                        }
                        pods.stream().filter(p -> !PodStates.isRunningAndReady(p))
                                .flatMap(p -> trouble.stuck(p).map(why -> p.getMetadata().getName() + ": " + why).stream())
                                .findFirst().ifPresent(stuck::set);
                        return stuck.get() != null;
                    });
            // Taken as soon as the wait returns, so it is when the suite first saw the whole batch running.
            java.time.Instant seen = java.time.Instant.now();
            List<Pod> pods = last == null ? List.of() : last;
            boolean allRunning = pods.stream().filter(PodStates::isRunningAndReady).count() >= count;
            return new PodBatch(count, pods, allRunning ? Optional.of(seen) : Optional.empty(), Optional.ofNullable(stuck.get()));
        });
    }

    /**
     * Waits until the pod shows a decisive state: Running and Ready, finished, or a container
     * stuck waiting for a reason such as {@code ErrImagePull} with containerd's platform mismatch.
     * A pull error that retrying may clear (registry timeout, 429) is waited through. Returns the pod as then seen.
     */
    public Pod settled(String podName, Side side) {
        return Allure.step("wait for pod " + podName + " to run or fail", () ->
                Waits.until("pod " + namespace + "/" + podName + " (" + side.label() + ") to run or show why it cannot",
                        timeouts.podFailure(side.os()), () -> pod(podName),
                        p -> PodStates.isRunningAndReady(p) || PodStates.hasFinished(p) || PodStates.decisiveWaitingReason(p).isPresent(),
                        p -> false, PodStates::describe));
    }

    /**
     * Waits until the Service has at least {@code count} ready endpoints in its own EndpointSlices and
     * returns the Service as then seen. Only slices whose owner reference is this Service object (its
     * uid) count: the EndpointSlice controller makes the Service the controller owner of every slice it
     * manages (k8s.io/endpointslice utils.go, newEndpointSlice), and a slice of a deleted Service with
     * the same name (same {@code kubernetes.io/service-name} label) can still be listed until the
     * garbage collector removes it, so a Service deleted and created again must not pass on its
     * predecessor's slice.
     */
    public Service serviceWithReadyEndpoints(String serviceName, int count) {
        return Allure.step("wait for service " + serviceName + " to have " + count + " ready endpoint(s)", () ->
                Waits.until("service " + namespace + "/" + serviceName + " to have " + count + " ready endpoint(s) in its own EndpointSlices",
                        timeouts.serviceReady(), () -> readyEndpoints(serviceName), ready -> ready.addresses().size() >= count,
                        ready -> false, ServiceEndpoints::describe).service());
    }

    /** A Service object as seen, and the ready addresses of the EndpointSlices it owns. */
    private record ServiceEndpoints(Service service, List<String> addresses) {
        String describe() {
            return service == null ? "the Service does not exist" : addresses.size() + " ready endpoint(s): " + addresses;
        }
    }

    private ServiceEndpoints readyEndpoints(String serviceName) {
        Service service = client.services().inNamespace(namespace).withName(serviceName).get();
        if (service == null) {
            return new ServiceEndpoints(null, List.of());
        }
        String uid = service.getMetadata().getUid();
        List<String> addresses = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", serviceName).list().getItems().stream()
                .filter(slice -> slice.getMetadata().getOwnerReferences() != null && slice.getMetadata().getOwnerReferences()
                        .stream().anyMatch(owner -> uid != null && uid.equals(owner.getUid())))
                .flatMap(slice -> slice.getEndpoints() == null ? java.util.stream.Stream.<Endpoint>empty() : slice.getEndpoints().stream())
                .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
                .flatMap(e -> e.getAddresses().stream())
                .toList();
        return new ServiceEndpoints(service, addresses);
    }

    /** Deletes an object this test deployed and waits until it is gone (to recreate it, for example). */
    public void delete(HasMetadata object) {
        Allure.step("delete " + object.getKind() + " " + object.getMetadata().getName(), () -> resources.delete(object));
    }

    /**
     * Deletes a pod with its own grace period and waits up to {@code within} for the object to
     * disappear. Returns the pod as last seen if it is still there, empty once it is gone.
     */
    public Optional<Pod> deleteAndAwaitGone(String podName, Duration within) {
        return Allure.step("delete pod " + podName + " and wait up to " + within.toSeconds() + " s for it to go", () -> {
            client.pods().inNamespace(namespace).withName(podName).delete();
            var last = new java.util.concurrent.atomic.AtomicReference<Pod>();
            Waits.lastSeen("pod " + namespace + "/" + podName + " to be gone", within, () -> {
                Pod pod = pod(podName);
                last.set(pod);
                return Optional.ofNullable(pod);
            }, Optional::isEmpty);
            resources.forgetDeleted(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName(podName)
                    .withNamespace(namespace).endMetadata().build());
            return Optional.ofNullable(last.get());
        });
    }

    /** What a container printed (the last 200 lines). */
    public String log(String podName, String container) {
        return client.pods().inNamespace(namespace).withName(podName).inContainer(container).tailingLines(200).getLog();
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public Pod pod(String podName) {
        return client.pods().inNamespace(namespace).withName(podName).get();
    }

    /** How Allure shows this test parameter (it prints every argument of a test). */
    @Override
    public String toString() {
        return "workloads in namespace " + namespace;
    }
}
