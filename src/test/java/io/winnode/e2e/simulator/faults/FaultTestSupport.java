package io.winnode.e2e.simulator.faults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.simulator.SimulatedCluster;
import io.winnode.e2e.simulator.SimulatorOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A simulated cluster started with one hand-written fault file; helpers talk fabric8 to it (public API only). */
abstract class FaultTestSupport extends io.winnode.e2e.simulator.SimulatorTestSupport {

    static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.62";
    static final String BUSYBOX = "registry.k8s.io/e2e-test-images/busybox:1.37.0-2";


    static void startWithFaults(String faultYaml) {
        try {
            Path file = Files.createTempFile("fault-", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, faultYaml);
            cluster = SimulatedCluster.start(SimulatorOptions.defaults().withFaultFiles(List.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(cluster.kubeconfigYaml())).build();
    }

    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }




    /** A pause pod to exec from. */
    static Pod client(OsFamily os, String namespace, String name) {
        return create(podFor(os, namespace, name, container("c", AGNHOST, "pause")).build());
    }


    static Service service(String namespace, String name, Map<String, String> selector, int port, int targetPort) {
        return client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(selector).addNewPort().withName("http").withPort(port)
                .withTargetPort(new IntOrString(targetPort)).endPort().endSpec().build()).create();
    }


    static boolean runningReady(Pod p) {
        return "Running".equals(p.getStatus().getPhase()) && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static Pod waitRunningReady(String namespace, String name) {
        return waitFor(namespace, name, FaultTestSupport::runningReady);
    }

    static String waitingReason(Pod p) {
        return p.getStatus().getContainerStatuses() == null ? null : p.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> s.getState().getWaiting().getReason()).findFirst().orElse(null);
    }

    static String waitingMessage(Pod p) {
        return p.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null)
                .map(s -> s.getState().getWaiting().getMessage()).findFirst().orElse(null);
    }

    static ExecResult exec(String namespace, String pod, List<String> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer("c")
                .writingOutput(out).writingError(err).exec(command.toArray(String[]::new))) {
            int code = watch.exitCode().get(20, TimeUnit.SECONDS);
            return new ExecResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError("exec " + command + " failed: " + e, e);
        }
    }


}
