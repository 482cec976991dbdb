package io.winnode.e2e.simulator.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.winnode.e2e.foundation.os.OsFamily.LINUX;
import static io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * network, dns and serviceProxy faults, each selected by the client pod's namespace (and node OS),
 * against one Service in an unaffected namespace. The file is hand-written here, not from a catalog:
 * it changes the cluster's behaviour with no code change.
 */
class NetworkDnsAndProxyFaultsTest extends FaultTestSupport {

    static final String FAULTS = """
            id: D-TEST-NET
            title: Hand-written network, DNS and proxy faults for the simulator's own tests
            defect:
              reference: "simulator test"
              symptom: "traffic from selected pods misbehaves"
            expectedCatchers: []
            faults:
              - network: { action: drop, to: clusterIP }
                select: { namespaces: [net-drop] }
              - network: { action: reject, to: podIP, port: 8080 }
                select: { namespaces: [net-reject], nodeOs: linux }
              - network: { action: delay, delaySeconds: 5, to: podIP }
                select: { namespaces: [net-delay] }
              - dns: { answer: nxdomain, names: "^web\\\\.srv\\\\." }
                select: { namespaces: [dns-nx] }
              - dns: { answer: timeout }
                select: { namespaces: [dns-timeout] }
              - dns: { answer: stale, names: "^web\\\\.", staleAddress: 10.244.254.9 }
                select: { namespaces: [dns-stale] }
              - serviceProxy: { mode: missing }
                select: { nodeOs: windows, namespaces: [proxy-missing] }
              - ignoredField: { path: spec.sessionAffinity }
                select: { nodeOs: windows }
            """;

    static Service web;
    static Service sticky;
    static Pod server;

    @BeforeAll
    static void start() {
        startWithFaults(FAULTS);
        namespace("srv");
        server = create(podFor(LINUX, "srv", "web-1", container("c", AGNHOST, "netexec", "--http-port=8080"))
                .editMetadata().withLabels(Map.of("app", "web")).endMetadata().build());
        create(podFor(LINUX, "srv", "web-2", container("c", AGNHOST, "netexec", "--http-port=8080"))
                .editMetadata().withLabels(Map.of("app", "web")).endMetadata().build());
        web = service("srv", "web", Map.of("app", "web"), 80, 8080);
        sticky = client.services().inNamespace("srv").resource(new io.fabric8.kubernetes.api.model.ServiceBuilder(
                service("srv", "sticky", Map.of("app", "web"), 80, 8080)).editSpec().withSessionAffinity("ClientIP").endSpec()
                .build()).update();
        for (String ns : new String[] {"clean", "net-drop", "net-reject", "net-delay", "dns-nx", "dns-timeout", "dns-stale", "proxy-missing"}) {
            namespace(ns);
            client(LINUX, ns, "lin");
            client(WINDOWS, ns, "win");
        }
        server = waitRunningReady("srv", "web-1");
        waitRunningReady("srv", "web-2");
        for (String ns : new String[] {"clean", "net-drop", "net-reject", "net-delay", "dns-nx", "dns-timeout", "dns-stale", "proxy-missing"}) {
            waitRunningReady(ns, "lin");
            waitRunningReady(ns, "win");
        }
        // The Service reaches the nodes through the real KCM (EndpointSlice controller) and the proxies' informers.
        await().atMost(Duration.ofSeconds(15)).until(() -> exec("clean", "lin",
                CommandLines.connect(LINUX, web.getSpec().getClusterIP(), 80, Duration.ofSeconds(1))).exitCode() == 0);
    }

    @AfterAll
    static void stopCluster() {
        stop();
    }

    static ExecResult connect(String ns, OsFamily os, String host, int port) {
        return exec(ns, os == WINDOWS ? "win" : "lin", CommandLines.connect(os, host, port, Duration.ofSeconds(1)));
    }

    static ExecResult resolve(String ns, OsFamily os, String name) {
        return exec(ns, os == WINDOWS ? "win" : "lin", CommandLines.resolve(os, name));
    }

    @Test
    void dropTimesOutConnectionsToClusterIpsFromSelectedPodsOnly() {
        String clusterIp = web.getSpec().getClusterIP();
        assertThat(connect("net-drop", LINUX, clusterIp, 80).stderr().strip()).isEqualTo("TIMEOUT");
        assertThat(connect("net-drop", WINDOWS, clusterIp, 80).stderr().strip()).isEqualTo("TIMEOUT");
        assertThat(connect("net-drop", LINUX, server.getStatus().getPodIP(), 8080).exitCode()).as("pod IPs unaffected").isZero();
        assertThat(connect("clean", LINUX, clusterIp, 80).exitCode()).isZero();
        assertThat(connect("clean", WINDOWS, clusterIp, 80).exitCode()).isZero();
    }

    @Test
    void rejectRefusesOnlyTheSelectedPortFromSelectedNodes() {
        String podIp = server.getStatus().getPodIP();
        assertThat(connect("net-reject", LINUX, podIp, 8080).stderr().strip()).isEqualTo("REFUSED");
        assertThat(connect("net-reject", WINDOWS, podIp, 8080).exitCode()).as("nodeOs linux only").isZero();
        assertThat(connect("net-reject", LINUX, web.getSpec().getClusterIP(), 80).exitCode())
                .as("the Service port 80 is not the selected destination kind").isZero();
    }

    /** A connection delayed past the client's timeout times out; a patient client gets through. */
    @Test
    void delayTimesOutImpatientClientsOnly() {
        String podIp = server.getStatus().getPodIP();
        assertThat(exec("net-delay", "lin", CommandLines.connect(LINUX, podIp, 8080, Duration.ofSeconds(2))).stderr().strip())
                .isEqualTo("TIMEOUT");
        assertThat(exec("net-delay", "win", CommandLines.connect(WINDOWS, podIp, 8080, Duration.ofSeconds(10))).exitCode()).isZero();
        assertThat(exec("clean", "lin", CommandLines.connect(LINUX, podIp, 8080, Duration.ofSeconds(2))).exitCode()).isZero();
    }

    @Test
    void nxdomainForMatchingNamesOnly() {
        assertThat(resolve("dns-nx", LINUX, "web.srv").stdout()).isEmpty();
        ExecResult windows = resolve("dns-nx", WINDOWS, "web.srv.svc.cluster.local");
        assertThat(windows.exitCode()).isZero();
        assertThat(windows.stdout()).isEmpty();
        assertThat(resolve("dns-nx", LINUX, "kubernetes.default").stdout().strip()).isEqualTo("10.96.0.1");
        assertThat(resolve("clean", LINUX, "web.srv").stdout().strip()).isEqualTo(web.getSpec().getClusterIP());
    }

    @Test
    void timeoutLooksLikeEachResolverShowsIt() {
        ExecResult dig = resolve("dns-timeout", LINUX, "web.srv");
        assertThat(dig.exitCode()).isEqualTo(9);
        assertThat(dig.stdout()).contains(";; connection timed out; no servers could be reached");
        ExecResult windowsDig = resolve("dns-timeout", WINDOWS, "web.srv.svc.cluster.local");
        assertThat(windowsDig.exitCode()).isEqualTo(9);
        assertThat(windowsDig.stdout()).contains(";; connection timed out; no servers could be reached");
        assertThat(connect("dns-timeout", LINUX, "web.srv", 80).stderr().strip()).startsWith("DNS: lookup web.srv");
        assertThat(resolve("clean", WINDOWS, "web.srv.svc.cluster.local").exitCode()).isZero();
    }

    @Test
    void staleAnswersAWrongAddressForMatchingNames() {
        assertThat(resolve("dns-stale", LINUX, "web.srv").stdout().strip()).isEqualTo("10.244.254.9");
        assertThat(resolve("dns-stale", WINDOWS, "web.srv.svc.cluster.local").stdout().strip()).isEqualTo("10.244.254.9");
        assertThat(connect("dns-stale", LINUX, "web.srv", 80).stderr().strip()).isEqualTo("TIMEOUT");
        assertThat(resolve("dns-stale", LINUX, "kubernetes.default").stdout().strip()).isEqualTo("10.96.0.1");
    }

    @Test
    void missingServiceRulesOnWindowsNodesTimeOutWhileLinuxWorks() {
        String clusterIp = web.getSpec().getClusterIP();
        assertThat(connect("proxy-missing", WINDOWS, clusterIp, 80).stderr().strip()).isEqualTo("TIMEOUT");
        assertThat(connect("proxy-missing", WINDOWS, server.getStatus().getPodIP(), 8080).exitCode()).isZero();
        assertThat(connect("proxy-missing", LINUX, clusterIp, 80).exitCode()).isZero();
    }

    /** Parity NET-09: ClientIP affinity pins a client to one endpoint; a proxy ignoring the field spreads it. */
    @Test
    void sessionAffinityIsHonouredExceptOnNodesWhoseProxyIgnoresIt() {
        String url = "http://" + sticky.getSpec().getClusterIP() + "/hostname";
        Set<String> linux = new HashSet<>();
        Set<String> windows = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            linux.add(exec("clean", "lin", CommandLines.httpGet(LINUX, url, Duration.ofSeconds(2))).stdout().strip());
            windows.add(exec("clean", "win", CommandLines.httpGet(WINDOWS, url, Duration.ofSeconds(2))).stdout().strip());
        }
        assertThat(linux).hasSize(1);
        assertThat(windows).containsExactlyInAnyOrder("web-1", "web-2");
    }
}
