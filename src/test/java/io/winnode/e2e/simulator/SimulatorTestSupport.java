package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.ExecResult;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** The simulated cluster the tests talk to (one default cluster shared per JVM), and their small helpers. Public API only. */
public abstract class SimulatorTestSupport {

    static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.62";
    static final String BUSYBOX = "registry.k8s.io/e2e-test-images/busybox:1.37.0-2";
    static final String LINUX_ONLY = "docker.io/library/alpine:3.20";

    protected static SimulatedCluster cluster;
    protected static KubernetesClient client;

    /** The default clean cluster, started by the first class that asks for it and shared by every class of this JVM. */
    private static SimulatedCluster shared;
    private static KubernetesClient sharedClient;
    /** Namespaces the running class created on the shared cluster, deleted when it finishes. */
    private static final List<String> classNamespaces = new ArrayList<>();

    /**
     * Points {@link #cluster} and {@link #client} at the shared default cluster, starting it on first use
     * (a real control plane costs ~12 s of CPU to start). It is closed by a JVM shutdown hook; its
     * components also exit when this JVM dies (they watch their stdin). Classes sharing it must each work in
     * namespaces of their own and leave cluster-scoped objects and nodes as they found them.
     */
    static synchronized void startCluster() {
        if (shared == null) {
            SimulatedCluster started = SimulatedCluster.start(SimulatorOptions.defaults());
            KubernetesClient startedClient = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(started.kubeconfigYaml())).build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                startedClient.close();
                started.close();
            }, "close-shared-simulated-cluster"));
            shared = started;
            sharedClient = startedClient;
        }
        cluster = shared;
        client = sharedClient;
        classNamespaces.clear();
    }

    /** The class is done with the shared cluster: its namespaces (and so its pods) are deleted, the cluster keeps running. */
    static synchronized void stopCluster() {
        if (cluster != null && cluster == shared) {
            for (String ns : classNamespaces) {
                client.namespaces().withName(ns).delete();
            }
        }
        classNamespaces.clear();
    }

    public static String namespace(String name) {
        return namespace(name, Map.of());
    }

    /**
     * Creates a namespace and waits for its {@code default} ServiceAccount: the ServiceAccount admission plugin
     * rejects pods until the KCM's serviceaccount controller has made it (plugin/pkg/admission/serviceaccount).
     */
    public static String namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build())
                .create();
        synchronized (SimulatorTestSupport.class) {
            classNamespaces.add(name);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
        return name;
    }

    public static Container container(String name, String image, String... args) {
        return new ContainerBuilder().withName(name).withImage(image).withArgs(args.length == 0 ? null : List.of(args)).build();
    }

    /** A pod pinned to an OS the documented way: nodeSelector, and for Windows the os=windows toleration (SCH-03). */
    public static PodBuilder podFor(OsFamily os, String namespace, String name, Container... containers) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withContainers(containers).withNodeSelector(Map.of("kubernetes.io/os", os.label())).endSpec();
        if (os == OsFamily.WINDOWS) {
            b.editSpec().addNewToleration().withKey("os").withValue("windows").withOperator("Equal").withEffect("NoSchedule")
                    .endToleration().withNewOs("windows").endSpec();
        }
        return b;
    }

    public static Pod create(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }

    public static Pod waitFor(String namespace, String name, Predicate<Pod> condition) {
        // Generous: on 2 shared cores a real scheduler, KCM and API server can take seconds under load.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Pod p = client.pods().inNamespace(namespace).withName(name).get();
            return p != null && condition.test(p);
        });
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    static Pod waitRunningReady(String namespace, String name) {
        return waitFor(namespace, name, p -> "Running".equals(p.getStatus().getPhase()) && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
    }

    static ExecResult exec(String namespace, String pod, String container, List<String> command) {
        return exec(client, namespace, pod, container, command);
    }

    static ExecResult exec(KubernetesClient client, String namespace, String pod, String container, List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err).exec(command.toArray(String[]::new))) {
            int code = watch.exitCode().get(20, TimeUnit.SECONDS);
            return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("exec " + command + " failed: " + e, e);
        }
    }

    public static List<Event> events(String namespace, String involvedName) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName())).toList();
    }

    public static boolean hasEvent(String namespace, String involvedName, String reason, String messagePart) {
        return events(namespace, involvedName).stream()
                .anyMatch(e -> reason.equals(e.getReason()) && e.getMessage() != null && e.getMessage().contains(messagePart));
    }
}
