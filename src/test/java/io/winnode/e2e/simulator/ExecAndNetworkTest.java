package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.winnode.e2e.foundation.os.OsFamily.LINUX;
import static io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Exec, the container model, the pod network, Services and cluster DNS, through the public API only. */
class ExecAndNetworkTest extends SimulatorTestSupport {

    static String ns;
    static Pod linuxServer;
    static Pod windowsServer;
    static Service linuxSvc;

    @BeforeAll
    static void start() {
        startCluster();
        ns = namespace("net");
        create(podFor(LINUX, ns, "linux-client", container("c", AGNHOST, "pause")).build());
        create(podFor(WINDOWS, ns, "win-client", container("c", AGNHOST, "pause")).build());
        create(podFor(LINUX, ns, "linux-server", container("c", AGNHOST, "netexec", "--http-port=8080"))
                .editMetadata().withLabels(Map.of("app", "linux-server")).endMetadata().build());
        create(podFor(WINDOWS, ns, "win-server", container("c", AGNHOST, "serve-hostname"))
                .editMetadata().withLabels(Map.of("app", "win-server")).endMetadata().build());
        linuxSvc = client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("linux-svc").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "linux-server"))
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString(8080)).endPort().endSpec().build()).create();
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("empty-svc").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "nobody")).addNewPort().withPort(80).endPort().endSpec().build()).create();
        linuxServer = waitRunningReady(ns, "linux-server");
        windowsServer = waitRunningReady(ns, "win-server");
        waitRunningReady(ns, "linux-client");
        waitRunningReady(ns, "win-client");
        await().atMost(Duration.ofSeconds(5)).until(() -> slice("linux-svc") != null && slice("linux-svc").getEndpoints().size() == 1);
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    static EndpointSlice slice(String service) {
        return client.discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", service)
                .list().getItems().stream().findFirst().orElse(null);
    }

    static String client(OsFamily os) {
        return os == WINDOWS ? "win-client" : "linux-client";
    }

    static ExecResult run(OsFamily os, List<String> command) {
        return exec(ns, client(os), "c", command);
    }

    @Test
    void serviceGetsAClusterIpAndAnEndpointSliceWithTheResolvedTargetPort() {
        // The real API server allocates a random free address of --service-cluster-ip-range, 10.96.0.0/12
        // (pkg/registry/core/service/ipallocator): 10.96.0.0 to 10.111.255.255.
        String[] octets = linuxSvc.getSpec().getClusterIP().split("\\.");
        assertThat(octets).hasSize(4);
        assertThat(octets[0]).isEqualTo("10");
        assertThat(Integer.parseInt(octets[1])).isBetween(96, 111);
        assertThat(linuxSvc.getSpec().getClusterIPs()).containsExactly(linuxSvc.getSpec().getClusterIP());
        EndpointSlice slice = slice("linux-svc");
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts()).extracting(p -> p.getName() + ":" + p.getPort()).containsExactly("http:8080");
        assertThat(slice.getEndpoints().get(0).getAddresses()).containsExactly(linuxServer.getStatus().getPodIP());
        assertThat(slice.getEndpoints().get(0).getConditions().getReady()).isTrue();
        assertThat(slice.getEndpoints().get(0).getNodeName()).isEqualTo(linuxServer.getSpec().getNodeName());
        Service nodePort = client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("np").endMetadata()
                .withNewSpec().withType("NodePort").withSelector(Map.of("app", "linux-server")).addNewPort().withPort(80)
                .withTargetPort(new IntOrString(8080)).endPort().endSpec().build()).create();
        int port = nodePort.getSpec().getPorts().get(0).getNodePort();
        assertThat(port).isBetween(30000, 32767);
        await().atMost(Duration.ofSeconds(5)).until(() -> slice("np") != null && slice("np").getEndpoints().size() == 1);
        String windowsNodeIp = client.nodes().withName("win2022-1").get().getStatus().getAddresses().get(0).getAddress();
        ExecResult viaNodePort = run(LINUX, CommandLines.httpGet(LINUX, "http://" + windowsNodeIp + ":" + port + "/hostname",
                Duration.ofSeconds(2)));
        assertThat(viaNodePort.stdout()).as(viaNodePort.toString()).isEqualTo("linux-server");
    }

    @Test
    void namedTargetPortsResolveFromContainerPortsAndHeadlessServicesResolveToPodIps() {
        create(podFor(LINUX, ns, "named-port", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c").withImage(AGNHOST)
                .withArgs("netexec", "--http-port=8081").addNewPort().withName("web").withContainerPort(8081).endPort().build())
                .editMetadata().withLabels(Map.of("app", "named-port")).endMetadata().build());
        Pod pod = waitRunningReady(ns, "named-port");
        client.services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("headless").endMetadata()
                .withNewSpec().withClusterIP("None").withSelector(Map.of("app", "named-port"))
                .addNewPort().withName("web").withPort(80).withTargetPort(new IntOrString("web")).endPort().endSpec().build()).create();
        await().atMost(Duration.ofSeconds(5)).until(() -> slice("headless") != null && slice("headless").getEndpoints().size() == 1);
        assertThat(slice("headless").getPorts().get(0).getPort()).isEqualTo(8081);
        assertThat(client.services().inNamespace(ns).withName("headless").get().getSpec().getClusterIP()).isEqualTo("None");
        for (OsFamily os : OsFamily.values()) {
            assertThat(run(os, CommandLines.resolve(os, "headless")).stdout().strip()).isEqualTo(pod.getStatus().getPodIP());
        }
        assertThat(run(LINUX, CommandLines.httpGet(LINUX, "http://headless:8081/hostname", Duration.ofSeconds(2))).stdout())
                .isEqualTo("named-port");
    }

    @Test
    void aWindowsHostProcessPodSharesTheHostNetworkAndCannotReachServiceIps() {
        Pod hpc = podFor(WINDOWS, ns, "hpc", container("c", AGNHOST, "pause")).editSpec().withHostNetwork(true)
                .withNewSecurityContext().withNewWindowsOptions().withHostProcess(true).withRunAsUserName("NT AUTHORITY\\SYSTEM")
                .endWindowsOptions().endSecurityContext().endSpec().build();
        create(hpc);
        Pod running = waitRunningReady(ns, "hpc");
        assertThat(running.getStatus().getPodIP()).isEqualTo(running.getStatus().getHostIP());
        String serverIp = linuxServer.getStatus().getPodIP();
        assertThat(exec(ns, "hpc", "c", CommandLines.connect(WINDOWS, serverIp, 8080, Duration.ofSeconds(1))).exitCode()).isZero();
        ExecResult viaService = exec(ns, "hpc", "c", CommandLines.connect(WINDOWS, linuxSvc.getSpec().getClusterIP(), 80,
                Duration.ofSeconds(1)));
        assertThat(viaService.stderr().strip()).isEqualTo("TIMEOUT");
        // Bare names are the host's tools (curl.exe in System32); the image's dig is not on the host's PATH.
        ExecResult viaCurl = exec(ns, "hpc", "c", CommandLines.httpGet(WINDOWS, "http://" + serverIp + ":8080/hostname",
                Duration.ofSeconds(1)));
        assertThat(viaCurl.exitCode()).as(viaCurl.toString()).isZero();
        assertThat(exec(ns, "hpc", "c", List.of("dig", "+short", "linux-svc")).stderr())
                .contains("The system cannot find the file specified.");
        assertThat(exec(ns, "hpc", "c", List.of("whoami")).stdout().strip()).isEqualTo("nt authority\\system");
        assertThat(exec(ns, "hpc", "c", CommandLines.hostname(WINDOWS)).stdout().strip()).isEqualTo(running.getSpec().getNodeName());
        // Its processes run on the host: the host's ipconfig lists the node's address, and the host's
        // PowerShell 5.1 is found on the host's PATH (create-hostprocess-pod.md).
        ExecResult ipconfig = exec(ns, "hpc", "c", CommandLines.interfaces(WINDOWS));
        assertThat(CommandLines.interfaceAddresses(WINDOWS, ipconfig)).containsExactly(running.getStatus().getHostIP());
        ExecResult ordinary = exec(ns, "win-client", "c", CommandLines.interfaces(WINDOWS));
        assertThat(CommandLines.interfaceAddresses(WINDOWS, ordinary))
                .containsExactly(client.pods().inNamespace(ns).withName("win-client").get().getStatus().getPodIP());
    }

    @Test
    void dnsPolicyNoneUsesOnlyTheGivenResolverSettings() {
        for (OsFamily os : OsFamily.values()) {
            String name = "custom-dns-" + os.label();
            create(podFor(os, ns, name, container("c", AGNHOST, "pause")).editSpec().withDnsPolicy("None")
                    .withNewDnsConfig().withNameservers("1.1.1.1").withSearches("example.test").endDnsConfig().endSpec().build());
            waitRunningReady(ns, name);
            ExecResult r = exec(ns, name, "c", CommandLines.resolve(os, "kubernetes.default.svc.cluster.local"));
            assertThat(r.stdout().strip()).as(os.name()).isEmpty();
            ExecResult servers = exec(ns, name, "c", List.of("/agnhost", "dns-server-list"));
            assertThat(servers.stdout()).isEqualTo("1.1.1.1");
        }
        assertThat(exec(ns, "win-client", "c", List.of("/agnhost", "dns-suffix")).stdout()).isEqualTo(ns + ".svc.cluster.local");
        assertThat(exec(ns, "linux-client", "c", List.of("/agnhost", "dns-suffix")).stdout())
                .isEqualTo(ns + ".svc.cluster.local,svc.cluster.local,cluster.local");
    }

    @Test
    void connectToPodIpSucceedsWhenListeningAndIsRefusedOtherwiseOnBothOses() {
        for (OsFamily os : OsFamily.values()) {
            String ip = linuxServer.getStatus().getPodIP();
            assertThat(run(os, CommandLines.connect(os, ip, 8080, Duration.ofSeconds(2))).exitCode()).as(os.name()).isZero();
            ExecResult refused = run(os, CommandLines.connect(os, ip, 9999, Duration.ofSeconds(2)));
            assertThat(refused.exitCode()).isEqualTo(1);
            // connect.go's REFUSED needs syscall.ECONNREFUSED, which Windows' WSAECONNREFUSED never equals (golang/go#45621).
            assertThat(refused.stderr().strip()).isEqualTo(os == WINDOWS
                    ? "OTHER: dial tcp " + ip + ":9999: connectex: No connection could be made because the target machine "
                    + "actively refused it."
                    : "REFUSED");
            ExecResult timeout = run(os, CommandLines.connect(os, "10.244.200.7", 80, Duration.ofSeconds(1)));
            assertThat(timeout.stderr().strip()).isEqualTo("TIMEOUT");
            ExecResult dns = run(os, CommandLines.connect(os, "no-such-service", 80, Duration.ofSeconds(1)));
            assertThat(dns.stderr().strip()).isEqualTo(os == WINDOWS ? "DNS: lookup no-such-service: no such host"
                    : "DNS: lookup no-such-service on 10.96.0.10:53: no such host");
        }
    }

    @Test
    void curlThroughTheServiceReachesNetexecFromBothOses() {
        for (OsFamily os : OsFamily.values()) {
            ExecResult byName = run(os, CommandLines.httpGet(os, "http://linux-svc/hostname", Duration.ofSeconds(2)));
            assertThat(byName.exitCode()).as(byName.toString()).isZero();
            assertThat(byName.stdout()).isEqualTo("linux-server");
            ExecResult echo = run(os, CommandLines.httpGet(os, "http://" + linuxSvc.getSpec().getClusterIP() + "/echo?msg=hi",
                    Duration.ofSeconds(2)));
            assertThat(echo.stdout()).isEqualTo("hi");
        }
        ExecResult clientIp = run(LINUX, CommandLines.httpGet(LINUX, "http://linux-svc/clientip", Duration.ofSeconds(2)));
        String linuxClientIp = client.pods().inNamespace(ns).withName("linux-client").get().getStatus().getPodIP();
        assertThat(clientIp.stdout()).startsWith(linuxClientIp + ":");
        ExecResult hostname = run(LINUX, CommandLines.httpGet(LINUX, "http://" + windowsServer.getStatus().getPodIP() + ":9376/",
                Duration.ofSeconds(2)));
        assertThat(hostname.stdout()).isEqualTo("win-server");
    }

    @Test
    void curlReportsCurlsErrorCodesAndTexts() {
        ExecResult refused = run(LINUX, CommandLines.httpGet(LINUX, "http://" + linuxServer.getStatus().getPodIP() + ":81/",
                Duration.ofSeconds(2)));
        assertThat(refused.exitCode()).isEqualTo(7);
        assertThat(refused.stderr()).startsWith("curl: (7) Failed to connect to");
        ExecResult notFound = run(WINDOWS, CommandLines.httpGet(WINDOWS, "http://linux-svc/nope", Duration.ofSeconds(2)));
        assertThat(notFound.exitCode()).isEqualTo(22);
        assertThat(notFound.stderr()).contains("The requested URL returned error: 404");
        ExecResult unresolved = run(LINUX, CommandLines.httpGet(LINUX, "http://nowhere/", Duration.ofSeconds(2)));
        assertThat(unresolved.exitCode()).isEqualTo(6);
        assertThat(unresolved.stderr()).contains("Could not resolve host: nowhere");
        ExecResult timeout = run(LINUX, CommandLines.httpGet(LINUX, "http://10.244.250.9/", Duration.ofSeconds(3)));
        assertThat(timeout.exitCode()).isEqualTo(28);
    }

    @Test
    void serviceWithoutReadyEndpointsIsRejectedOnLinuxAndDroppedOnWindows() {
        ExecResult linux = run(LINUX, CommandLines.connect(LINUX, "empty-svc", 80, Duration.ofSeconds(1)));
        assertThat(linux.stderr().strip()).isEqualTo("REFUSED");
        ExecResult windows = run(WINDOWS, CommandLines.connect(WINDOWS, "empty-svc", 80, Duration.ofSeconds(1)));
        assertThat(windows.stderr().strip()).isEqualTo("TIMEOUT");
    }

    @Test
    void linuxDnsUsesTheSearchListSoShortPartialAndFullNamesResolve() {
        for (String name : List.of("kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "linux-svc")) {
            ExecResult r = run(LINUX, CommandLines.resolve(LINUX, name));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout().strip()).as(name).isNotEmpty();
        }
        assertThat(run(LINUX, CommandLines.resolve(LINUX, "kubernetes.default")).stdout().strip()).isEqualTo("10.96.0.1");
        ExecResult missing = run(LINUX, CommandLines.resolve(LINUX, "missing-svc"));
        assertThat(missing.exitCode()).isZero();
        assertThat(missing.stdout()).isEmpty();
    }

    @Test
    void windowsDigSearchesOnlyNamesWithoutADotBecauseBindsNdotsIsOne() {
        ExecResult shortName = run(WINDOWS, List.of("dig", "+short", "+search", "linux-svc"));
        assertThat(shortName.exitCode()).isZero();
        assertThat(shortName.stdout()).isEqualTo(linuxSvc.getSpec().getClusterIP() + "\r\n");
        assertThat(run(WINDOWS, CommandLines.resolve(WINDOWS, "kubernetes.default.svc.cluster.local")).stdout().strip())
                .isEqualTo("10.96.0.1");
        for (String name : List.of("kubernetes.default", "kubernetes.default.svc", "linux-svc." + ns)) {
            ExecResult r = run(WINDOWS, CommandLines.resolve(WINDOWS, name));
            assertThat(r.exitCode()).as(name).isZero();
            assertThat(r.stdout()).as(name + ": queried as is only, NXDOMAIN prints nothing").isEmpty();
        }
        String podIp = windowsServer.getStatus().getPodIP();
        assertThat(run(WINDOWS, CommandLines.resolve(WINDOWS, podIp.replace('.', '-') + "." + ns + ".pod.cluster.local"))
                .stdout().strip()).isEqualTo(podIp);
    }

    @Test
    void resolveDnsNameIsNotACmdletOfTheWindowsAgnhostImagesPowerShellCore() {
        ExecResult r = run(WINDOWS, List.of("powershell", "-Command",
                "(Resolve-DnsName -Name linux-svc -Type A -ErrorAction Stop).IPAddress"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("Resolve-DnsName : The term 'Resolve-DnsName' is not recognized as the name of a "
                + "cmdlet, function, script file, or operable program.").contains("CommandNotFoundException");
        ExecResult probe = run(WINDOWS, List.of("pwsh", "-Command", "Get-Command Resolve-DnsName"));
        assertThat(probe.exitCode()).isEqualTo(1);
        assertThat(run(WINDOWS, List.of("powershell", "-Command", "Get-Command dig")).stdout()).contains("Application     dig");
    }

    @Test
    void onlyWhatTheImageHoldsRunsAndBusyboxAppletsComeFromCBin() {
        // Nano Server has no nslookup of its own; the image's is BIND's in C:\dig, first on PATH.
        assertThat(run(WINDOWS, List.of("C:\\Windows\\System32\\nslookup.exe", "linux-svc")).stderr())
                .contains("The system cannot find the file specified.");
        assertThat(run(WINDOWS, List.of("sh", "-c", "echo from-busybox")).stdout()).isEqualTo("from-busybox\n");
        assertThat(run(WINDOWS, List.of("C:\\bin\\cat.exe", "C:\\nope")).stderr()).contains("can't open");
        assertThat(run(LINUX, List.of("powershell", "-Command", "Write-Host hi")).stderr())
                .contains("executable file not found in $PATH");
        assertThat(run(LINUX, List.of("/usr/bin/dig", "+short", "kubernetes.default.svc.cluster.local")).stdout())
                .isEqualTo("10.96.0.1\n");
    }

    @Test
    void filesAndIdentityFollowEachOsConventions() {
        assertThat(run(LINUX, CommandLines.whoAmI(LINUX)).stdout()).isEqualTo("root\n");
        // test/images/busybox/Dockerfile_windows: USER ContainerAdministrator, inherited by agnhost.
        assertThat(run(WINDOWS, CommandLines.whoAmI(WINDOWS)).stdout()).isEqualTo("ContainerAdministrator\r\n");
        assertThat(run(LINUX, CommandLines.hostname(LINUX)).stdout().strip()).isEqualTo("linux-client");
        assertThat(run(LINUX, CommandLines.writeFile(LINUX, "/tmp/note", "hello")).exitCode()).isZero();
        assertThat(run(LINUX, CommandLines.readFile(LINUX, "/tmp/note")).stdout()).isEqualTo("hello\n");
        assertThat(run(WINDOWS, CommandLines.writeFile(WINDOWS, "C:\\note.txt", "hello")).exitCode()).isZero();
        assertThat(run(WINDOWS, CommandLines.readFile(WINDOWS, "c:/NOTE.txt")).stdout()).isEqualTo("hello\r\n");
        ExecResult missing = run(LINUX, CommandLines.readFile(LINUX, "/nope"));
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("cat: can't open '/nope': No such file or directory\n");
        ExecResult missingWin = run(WINDOWS, CommandLines.readFile(WINDOWS, "C:\\nope.txt"));
        assertThat(missingWin.stderr().strip()).isEqualTo("The system cannot find the file specified.");
    }

    @Test
    void unknownExecutablesFailTheWayTheRuntimeReportsIt() {
        ExecResult linux = run(LINUX, List.of("nosuchtool"));
        assertThat(linux.exitCode()).isNotZero();
        assertThat(linux.stderr()).contains("OCI runtime exec failed").contains("executable file not found in $PATH");
        ExecResult windows = run(WINDOWS, List.of("nosuchtool.exe"));
        assertThat(windows.exitCode()).isNotZero();
        assertThat(windows.stderr()).contains("The system cannot find the file specified.");
    }
}
