package io.winnode.e2e.simulator.faults;

import io.fabric8.kubernetes.api.model.Service;
import io.winnode.e2e.framework.exec.CommandLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.winnode.e2e.foundation.os.OsFamily.LINUX;
import static io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code when}: afterSeconds + forSeconds (a transient outage), afterEvent serviceRecreated with a
 * frozen (stale) Windows proxy, and a slow proxy that programs each change late.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultTimingTest extends FaultTestSupport {

    static final String FAULTS = """
            id: D-TEST-TIMING
            title: Hand-written timed faults
            faults:
              - serviceProxy: { mode: stale }
                select: { nodeOs: windows, namespaces: [recreate] }
                when: { afterEvent: { kind: serviceRecreated, namespaces: [recreate] } }
              - serviceProxy: { mode: slow, delaySeconds: 2 }
                select: { namespaces: [slow] }
            """;

    @BeforeAll
    static void start() {
        startWithFaults(FAULTS);
        for (String ns : new String[] {"recreate", "slow"}) {
            namespace(ns);
            create(podFor(LINUX, ns, "server", container("c", AGNHOST, "netexec", "--http-port=8080"))
                    .editMetadata().withLabels(Map.of("app", "server")).endMetadata().build());
            client(LINUX, ns, "lin");
            client(WINDOWS, ns, "win");
        }
        for (String ns : new String[] {"recreate", "slow"}) {
            waitRunningReady(ns, "server");
            waitRunningReady(ns, "lin");
            waitRunningReady(ns, "win");
        }
    }

    @AfterAll
    static void stopCluster() {
        stop();
    }

    static int connect(String ns, String pod, String host, int port) {
        return exec(ns, pod, CommandLines.connect(pod.equals("win") ? WINDOWS : LINUX, host, port, Duration.ofSeconds(1))).exitCode();
    }

    /**
     * Its own cluster, started once the JVM is warm, so that "N seconds after the cluster started" can be
     * observed from outside: drop traffic to pod IPs from 10 s to 13 s after the fault clock starts. That clock
     * starts when the nodes start (SimulatedNodes), which is after the real control plane is up and the kube-dns
     * Service is made, and before any node registers (SimulatedCluster.start): the Service's and the Nodes'
     * creation timestamps (whole seconds, truncated) bound it from outside.
     */
    @Test
    @Order(99)
    void afterSecondsAndForSecondsMakeATransientOutage() {
        stop();
        startWithFaults("""
                id: D-TEST-TRANSIENT
                faults:
                  - network: { action: drop, to: podIP }
                    select: { namespaces: [transient] }
                    when: { afterSeconds: 10, forSeconds: 3 }
                """);
        Instant armedNotBefore = Instant.parse(client.services().inNamespace("kube-system").withName("kube-dns").get()
                .getMetadata().getCreationTimestamp());
        Instant armedNotAfter = client.nodes().list().getItems().stream()
                .map(n -> Instant.parse(n.getMetadata().getCreationTimestamp()).plusSeconds(1))
                .min(java.util.Comparator.naturalOrder()).orElseThrow();
        namespace("transient");
        create(podFor(LINUX, "transient", "server", container("c", AGNHOST, "netexec", "--http-port=8080")).build());
        client(LINUX, "transient", "lin");
        String ip = waitRunningReady("transient", "server").getStatus().getPodIP();
        waitRunningReady("transient", "lin");
        assertThat(Instant.now()).as("pods ready before the outage can have begun").isBefore(armedNotBefore.plusSeconds(10));
        assertThat(connect("transient", "lin", ip, 8080)).as("before the outage").isZero();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> connect("transient", "lin", ip, 8080) != 0);
        Instant down = Instant.now();
        assertThat(down).isAfterOrEqualTo(armedNotBefore.plusSeconds(10));
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100)).until(() -> connect("transient", "lin", ip, 8080) == 0);
        Instant up = Instant.now();
        assertThat(up).as("the outage ends after forSeconds").isAfterOrEqualTo(armedNotBefore.plusSeconds(13))
                .isBefore(armedNotAfter.plusSeconds(13 + 5));
        assertThat(Duration.between(down, up)).isGreaterThan(Duration.ofMillis(1000));
    }

    @Test
    @Order(1)
    void staleWindowsProxyKeepsRulesFromBeforeAServiceWasRecreated() {
        Service first = service("recreate", "svc", Map.of("app", "server"), 80, 8080);
        await().atMost(Duration.ofSeconds(5)).until(() -> connect("recreate", "win", first.getSpec().getClusterIP(), 80) == 0);
        client.services().inNamespace("recreate").withName("svc").delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.services().inNamespace("recreate").withName("svc").get() == null);
        Service second = service("recreate", "svc", Map.of("app", "server"), 80, 8080);
        await().atMost(Duration.ofSeconds(5)).until(() -> connect("recreate", "lin", second.getSpec().getClusterIP(), 80) == 0);
        // The Windows node's proxy froze when the Service was recreated: the new rules never arrive.
        for (int i = 0; i < 5; i++) {
            assertThat(connect("recreate", "win", second.getSpec().getClusterIP(), 80)).isNotZero();
        }
    }

    @Test
    @Order(2)
    void slowProxyProgramsEachChangeLate() {
        Service svc = service("slow", "svc", Map.of("app", "server"), 80, 8080);
        Instant created = Instant.now();
        String ip = svc.getSpec().getClusterIP();
        assertThat(connect("slow", "lin", ip, 80)).isNotZero();
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).until(() -> connect("slow", "lin", ip, 80) == 0);
        assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }
}
