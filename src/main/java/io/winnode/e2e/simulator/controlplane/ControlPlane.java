package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.winnode.e2e.foundation.files.DirectoryTrees;
import io.winnode.e2e.simulator.controlplane.ClusterCertificates.KeyPairFiles;
import io.winnode.e2e.simulator.controlplane.ControlPlaneBinaries.Component;

/**
 * The real Kubernetes control plane of one simulated cluster: etcd, kube-apiserver, kube-scheduler and
 * kube-controller-manager as local child processes on loopback ports, with only the nodes simulated in Java (the way
 * kwokctl's "binary" runtime runs them, reference real-control-plane.md §1.3).
 *
 * <p>Start order and readiness: etcd ({@code /health}) → kube-apiserver ({@code /readyz}, with the admin client
 * certificate) → kube-scheduler and kube-controller-manager, then the {@code default} ServiceAccount of namespace
 * {@code default}, which only the controller manager's serviceaccount controller creates, so its existence proves
 * the controller manager runs and is authorized. Flags are listed in {@link #apiServerFlags} and its neighbours,
 * each with its reason.
 *
 * <p>No child outlives the JVM: each watches its stdin pipe (controlplane/stdin.go), a shutdown hook closes the
 * control plane, and {@code <dir>/pids} lets {@link #reapOrphans} clean up after a JVM that was killed while running
 * official binaries (which do not watch stdin).
 */
public final class ControlPlane implements ControlPlaneEndpoint, AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int LOG_TAIL_LINES = 40;
    private static final Set<String> PROGRAM_NAMES = Set.of("controlplane", "etcd", "kube-apiserver", "kube-scheduler",
            "kube-controller-manager");

    private final ControlPlaneConfig config;
    private final Path directory;
    private final List<ComponentProcess> processes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;
    private ControlPlaneBinaries binaries;
    private ClusterCertificates certificates;
    private int etcdClientPort;
    private int etcdPeerPort;
    private int apiServerPort;
    private HttpClient adminHttp;
    private final Map<Component, Long> stopMillis = Collections.synchronizedMap(new EnumMap<>(Component.class));

    private ControlPlane(ControlPlaneConfig config) {
        this.config = config;
        this.directory = config.workingDirectory().toAbsolutePath();
        this.shutdownHook = new Thread(this::close, "control-plane-shutdown");
    }

    /** Builds or finds the binaries, writes certificates and starts the four components; returns once all are ready. */
    public static ControlPlane start(ControlPlaneConfig config) {
        ControlPlane cp = new ControlPlane(config);
        try {
            cp.startAll();
            return cp;
        } catch (RuntimeException | Error e) {
            cp.close();
            throw e;
        }
    }

    private void startAll() {
        Consumer<String> progress = config.progress();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int reaped = reapOrphans(directory);
        if (reaped > 0) {
            progress.accept("Killed " + reaped + " control-plane process(es) left over in " + directory);
        }
        // A throwaway cluster: a reused directory must not hand the new apiserver the old cluster's objects, which
        // would carry tokens and CA data of certificates regenerated below.
        DirectoryTrees.delete(directory.resolve("etcd"));
        binaries = ControlPlaneBinaries.resolve(config.repositoryRoot(), progress);

        long t0 = System.nanoTime();
        certificates = ClusterCertificates.generate(directory.resolve("pki"), config.advertiseAddress(), config.nodeNames());
        progress.accept("certificates written to " + directory.resolve("pki") + " (" + millisSince(t0) + " ms)");
        int[] ports = freeLoopbackPorts(3);
        etcdClientPort = ports[0];
        etcdPeerPort = ports[1];
        apiServerPort = ports[2];
        adminHttp = HttpClient.newBuilder().sslContext(ClientTls.context(certificates.caCertificate(), certificates.admin()))
                .connectTimeout(Duration.ofSeconds(2)).build();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();

        ComponentProcess etcd = launch(Component.ETCD, etcdFlags());
        awaitHttp200(etcd, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                "http://127.0.0.1:" + etcdClientPort + "/health", deadline);
        progress.accept("etcd ready on 127.0.0.1:" + etcdClientPort + " (" + millisSince(t0) + " ms)");

        ComponentProcess apiServer = launch(Component.KUBE_APISERVER, apiServerFlags());
        awaitHttp200(apiServer, adminHttp, apiServerUrl() + "/readyz", deadline);
        progress.accept("kube-apiserver " + binaries.gitVersion() + " ready at " + apiServerUrl() + " (" + millisSince(t0) + " ms)");

        ComponentProcess scheduler = launch(Component.KUBE_SCHEDULER, schedulerFlags());
        ComponentProcess kcm = launch(Component.KUBE_CONTROLLER_MANAGER, controllerManagerFlags());
        awaitHttp200(kcm, adminHttp, apiServerUrl() + "/api/v1/namespaces/default/serviceaccounts/default", deadline);
        if (!scheduler.isAlive()) {
            throw failure(scheduler, "exited with code " + scheduler.exitCodeOrMinusOne());
        }
        writeEndpoint();
        progress.accept("Control plane ready in " + millisSince(t0) + " ms: etcd, kube-apiserver, kube-scheduler, "
                + "kube-controller-manager (" + binaries + "); logs in " + directory.resolve("logs"));
    }

    /** What another process needs to share this control plane ({@link SharedControlPlane}); written once it is ready. */
    private void writeEndpoint() {
        java.util.Properties endpoint = new java.util.Properties();
        endpoint.setProperty("apiServerUrl", apiServerUrl());
        endpoint.setProperty("gitVersion", gitVersion());
        endpoint.setProperty("kubeletEgressSocket",
                config.kubeletEgressSocket() == null ? "" : config.kubeletEgressSocket().toAbsolutePath().toString());
        try (var out = Files.newBufferedWriter(directory.resolve(SharedControlPlane.ENDPOINT_FILE))) {
            endpoint.store(out, "the running control plane of this directory");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + directory.resolve(SharedControlPlane.ENDPOINT_FILE), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Flags. Sources in brackets are those of the reference (/work/shared/reference/real-control-plane.md §2).

    private List<String> etcdFlags() {
        String client = "http://127.0.0.1:" + etcdClientPort;
        String peer = "http://127.0.0.1:" + etcdPeerPort;
        return List.of(
                "--name=winnode",
                "--data-dir=" + directory.resolve("etcd"),
                // Loopback only, free ports: several clusters (the fault proof's JVMs) run side by side [§2.1, envtest].
                "--listen-client-urls=" + client,
                "--advertise-client-urls=" + client,
                "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=winnode=" + peer,
                // The data lives as long as one test run; fsync would only slow every write [§1.4, envtest etcd.go].
                "--unsafe-no-fsync",
                // kwokctl's values (kwok pkg/kwokctl/components/etcd.go): compact hourly, 8 GiB quota, so a long run
                // with many writes does not hit the 2 GiB default's NOSPACE alarm.
                "--auto-compaction-mode=periodic",
                "--auto-compaction-retention=1",
                "--quota-backend-bytes=8589934592",
                "--log-level=warn");
    }

    List<String> apiServerFlags() {
        List<String> flags = new ArrayList<>(apiServerBaseFlags());
        if (config.kubeletEgressSocket() != null) {
            flags.add("--egress-selector-config-file=" + egressSelectorConfiguration(config.kubeletEgressSocket()));
        }
        if (config.podSecurityDefault() != null) {
            flags.add("--admission-control-config-file=" + podSecurityAdmissionConfiguration(config.podSecurityDefault()));
        }
        return flags;
    }

    /**
     * The PodSecurity admission plugin's cluster-wide defaults, in the AdmissionConfiguration file the API server
     * reads (kubernetes.io docs, "Enforce Pod Security Standards by Configuring the Built-in Admission Controller";
     * PodSecurityConfiguration v1). Namespaces without {@code pod-security.kubernetes.io/*} labels get
     * {@code level}; kube-system is exempt, as on the hardened clusters this models, so that cluster add-ons run.
     */
    private Path podSecurityAdmissionConfiguration(String level) {
        Path file = directory.resolve("admission-configuration.yaml");
        String yaml = """
                apiVersion: apiserver.config.k8s.io/v1
                kind: AdmissionConfiguration
                plugins:
                - name: PodSecurity
                  configuration:
                    apiVersion: pod-security.admission.config.k8s.io/v1
                    kind: PodSecurityConfiguration
                    defaults:
                      enforce: "%1$s"
                      enforce-version: "latest"
                      audit: "%1$s"
                      audit-version: "latest"
                      warn: "%1$s"
                      warn-version: "latest"
                    exemptions:
                      usernames: []
                      runtimeClasses: []
                      namespaces: ["kube-system"]
                """.formatted(level);
        try {
            java.nio.file.Files.writeString(file, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /**
     * Traffic to nodes (the "cluster" egress: logs, exec, attach, port-forward and the node proxy) goes
     * through an HTTP CONNECT proxy on a Unix socket, the mechanism the API server offers for nodes it cannot
     * dial itself (KEP-1281 network proxy; k8s.io/apiserver pkg/server/egressselector). The simulated
     * kubelets listen on loopback, which the node proxy refuses to dial ("address not allowed": its target
     * must be a global unicast address, pkg/registry/core/node/strategy.go); behind the proxy the API
     * server dials each node's own InternalIP and port 10250, as on a real cluster.
     */
    private Path egressSelectorConfiguration(Path socket) {
        Path file = directory.resolve("egress-selector.yaml");
        String yaml = """
                apiVersion: apiserver.k8s.io/v1beta1
                kind: EgressSelectorConfiguration
                egressSelections:
                - name: cluster
                  connection:
                    proxyProtocol: HTTPConnect
                    transport:
                      uds:
                        udsName: %s
                """.formatted(socket.toAbsolutePath());
        try {
            java.nio.file.Files.writeString(file, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    private List<String> apiServerBaseFlags() {
        KeyPairFiles serving = certificates.apiServerServing();
        KeyPairFiles kubeletClient = certificates.apiServerKubeletClient();
        KeyPairFiles sa = certificates.serviceAccountKeys();
        return List.of(
                "--etcd-servers=http://127.0.0.1:" + etcdClientPort,
                // Loopback and a free port: only this machine's clients, several clusters side by side [§2.1].
                "--bind-address=127.0.0.1",
                "--secure-port=" + apiServerPort,
                // Always set: unset, the apiserver looks for the default route's interface and fails without one
                // [§2.1; controller-runtime#669]. It is the control-plane node's simulated, non-loopback InternalIP, so
                // the default lease endpoint reconciler accepts it for the "kubernetes" Service's endpoints (a loopback
                // address is rejected, kubernetes/kubernetes#138102); it need not be an address of this machine.
                "--advertise-address=" + config.advertiseAddress(),
                // Our own serving certificate, for 127.0.0.1, the in-cluster names and the advertise address, instead
                // of a self-signed one in --cert-dir [§2.1, envtest populateAPIServerCerts].
                "--tls-cert-file=" + serving.certificate(),
                "--tls-private-key-file=" + serving.privateKey(),
                // x509 client certificates authenticate the admin, the components and the simulated kubelets.
                "--client-ca-file=" + certificates.caCertificate(),
                // Service-account tokens, required since 1.20 [§2.1]. The apiserver signs TokenRequest tokens with the
                // private key; the controller manager gets the same key for the legacy token Secrets it fills [§2.3].
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + sa.certificate(),
                "--service-account-signing-key-file=" + sa.privateKey(),
                "--service-cluster-ip-range=" + config.serviceCidr(),
                // As a real cluster: nodes act as system:node:<name> under the Node authorizer, everyone else under RBAC
                // [§2.1, kwok with --kube-authorization]. NodeRestriction is not a default plugin and limits what a
                // node may write to its own Node and pods; the default plugins (PodSecurity, ServiceAccount, ...) stay on,
                // since the real controller manager creates the default ServiceAccounts [§2.1].
                "--authorization-mode=Node,RBAC",
                "--enable-admission-plugins=NodeRestriction",
                // Privileged and HostProcess containers must be admitted to test them [§2.1, envtest, kwok].
                "--allow-privileged=true",
                // Simulated nodes' hostnames are in no DNS, so their InternalIP comes first; the default order starts
                // with Hostname [§2.2]. Those IPs are cluster-like and routed nowhere: the egress selector below carries
                // every connection to a kubelet through the nodes' HTTP CONNECT proxy.
                "--kubelet-preferred-address-types=InternalIP,Hostname,InternalDNS,ExternalDNS,ExternalIP",
                // The apiserver authenticates to kubelets with a client certificate, as kubeadm sets it up. No
                // --kubelet-certificate-authority: kubelet serving certificates are then not verified, the default [§2.2].
                // The authenticating proxy of the apiServer fault mechanism forwards the suite's requests with its own
                // client certificate and the caller's identity in these headers (kubernetes.io "Authenticating
                // proxy"; the flag set kubeadm gives every cluster for the aggregation layer).
                "--requestheader-client-ca-file=" + certificates.frontProxy().caCertificate(),
                "--requestheader-allowed-names=" + ClusterCertificates.FRONT_PROXY_CLIENT,
                "--requestheader-username-headers=X-Remote-User",
                "--requestheader-group-headers=X-Remote-Group",
                "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                "--kubelet-client-certificate=" + kubeletClient.certificate(),
                "--kubelet-client-key=" + kubeletClient.privateKey(),
                // No pprof endpoints: nobody profiles a test cluster, and it is one handler less.
                "--profiling=false");
    }

    private List<String> schedulerFlags() {
        Path kubeconfig = Kubeconfig.write(directory.resolve("kube-scheduler.kubeconfig"),
                kubeconfigFor("system:kube-scheduler"));
        return List.of(
                "--kubeconfig=" + kubeconfig,
                // One replica; leader election would only add a Lease write loop and delay the start [§2.3].
                "--leader-elect=false",
                // Port 0 switches the scheduler's HTTPS (healthz, metrics) off: SecureServingOptions is not Required
                // for it, and ApplyTo returns without a listener for BindPort <= 0 (k8s.io/apiserver
                // pkg/server/options/serving.go at v0.37.2). Nothing probes it: no port to find, no delegated-auth
                // lookups. Its log shows whether it runs.
                "--bind-address=127.0.0.1",
                "--secure-port=0");
    }

    private List<String> controllerManagerFlags() {
        Path kubeconfig = Kubeconfig.write(directory.resolve("kube-controller-manager.kubeconfig"),
                kubeconfigFor("system:kube-controller-manager"));
        return List.of(
                "--kubeconfig=" + kubeconfig,
                "--leader-elect=false", // one replica [§2.3]
                // Each controller acts under its own service account, with the RBAC roles of a real cluster, so
                // permission problems show up as they would in one.
                "--use-service-account-credentials=true",
                "--service-account-private-key-file=" + certificates.serviceAccountKeys().privateKey(),
                // Put into every namespace's kube-root-ca.crt ConfigMap and legacy token secrets [§2.3].
                "--root-ca-file=" + certificates.caCertificate(),
                // node.spec.podCIDR is filled only when allocation is on; each node takes a /24 of the pod network [§2.3,
                // kubernetes/kubernetes#85866].
                "--allocate-node-cidrs=true",
                "--cluster-cidr=" + config.clusterCidr(),
                "--node-cidr-mask-size=24",
                "--service-cluster-ip-range=" + config.serviceCidr(),
                // As for the scheduler: 0 switches its HTTPS off (kube-controller-manager app/options/options.go v1.37.2
                // skips authentication setup when BindPort is 0).
                "--bind-address=127.0.0.1",
                "--secure-port=0");
    }

    // ---------------------------------------------------------------------------------------------------------------

    private ComponentProcess launch(Component component, List<String> flags) {
        if (closed.get()) {
            // close() ran (a shutdown hook, say) while start() was still going: start nothing more.
            throw new IllegalStateException("The control plane was closed while starting " + component.programName());
        }
        List<String> command = new ArrayList<>(binaries.command(component));
        command.addAll(flags);
        ComponentProcess p = ComponentProcess.start(component, command, directory,
                directory.resolve("logs").resolve(component.programName() + ".log"));
        processes.add(p);
        try {
            Files.writeString(directory.resolve("pids"), p.pid() + " " + component.programName() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.progress().accept("started " + component.programName() + " (pid " + p.pid() + ")");
        return p;
    }

    private void awaitHttp200(ComponentProcess owner, HttpClient http, String url, long deadlineNanos) {
        String last = "no answer yet";
        while (true) {
            if (!owner.isAlive()) {
                throw failure(owner, "exited with code " + owner.exitCodeOrMinusOne() + " before " + url + " answered");
            }
            for (ComponentProcess p : processes) {
                if (!p.isAlive()) {
                    throw failure(p, "exited with code " + p.exitCodeOrMinusOne() + " while waiting for " + url);
                }
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode() + ": " + truncate(r.body());
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the control plane", e);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw failure(owner, "not ready within " + START_DEADLINE.toSeconds() + " s: " + url + " last said " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while starting the control plane", e);
            }
        }
    }

    private IllegalStateException failure(ComponentProcess p, String what) {
        return new IllegalStateException(p.component().programName() + " " + what + ". Last lines of " + p.log() + ":\n"
                + p.logTail(LOG_TAIL_LINES));
    }

    private static String truncate(String s) {
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    private static long millisSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /**
     * Free TCP ports on 127.0.0.1, from the kernel (bind to port 0). They are free when returned, not reserved: another
     * process may take one before the component binds it, a small window envtest accepts too.
     */
    static int[] freeLoopbackPorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Accessors

    /** {@code https://127.0.0.1:<port>}. */
    public String apiServerUrl() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    /** The Kubernetes release of the binaries, as {@code GET /version} reports it. */
    public String gitVersion() {
        return binaries.gitVersion();
    }

    @Override
    public ClusterCertificates certificates() {
        return certificates;
    }

    public Path workingDirectory() {
        return directory;
    }

    /**
     * A self-contained kubeconfig for {@code identity}: {@code "admin"} (kubernetes-admin, group system:masters),
     * {@code "kube-proxy"} (system:kube-proxy), a node name (system:node:&lt;name&gt;, group system:nodes), or any CN
     * certificates were issued for.
     */
    @Override
    public String kubeconfigYaml(String identity) {
        return kubeconfigFor(ClusterCertificates.commonNameOf(identity, config.nodeNames()));
    }

    @Override
    public Path kubeletEgressSocket() {
        return config.kubeletEgressSocket();
    }

    private String kubeconfigFor(String commonName) {
        return Kubeconfig.yaml(apiServerUrl(), certificates.caCertificate(), certificates.client(commonName), commonName);
    }

    /** The serving certificate (PEM) for the simulated kubelet of {@code node}; SANs localhost and 127.0.0.1. */
    public Path kubeletServingCert(String node) {
        return certificates.kubeletServing(node).certificate();
    }

    /** The PKCS#8 PEM private key of {@link #kubeletServingCert}. */
    public Path kubeletServingKey(String node) {
        return certificates.kubeletServing(node).privateKey();
    }

    /** The summed VmRSS of the running components, in bytes. */
    public long memoryRssBytes() {
        return memoryRssBytesByComponent().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The summed RssAnon of the running components, in bytes. With the module binary all four map the same 130 MB
     * executable, whose resident pages VmRSS counts once per process although the page cache holds them once; this
     * sum plus one binary's resident size is closer to what the control plane really occupies.
     */
    public long memoryRssAnonBytes() {
        synchronized (processes) {
            return processes.stream().filter(ComponentProcess::isAlive).mapToLong(ComponentProcess::rssAnonBytes).sum();
        }
    }

    /** VmRSS per running component, in start order. */
    public Map<Component, Long> memoryRssBytesByComponent() {
        Map<Component, Long> rss = new EnumMap<>(Component.class);
        synchronized (processes) {
            for (ComponentProcess p : processes) {
                if (p.isAlive()) {
                    rss.put(p.component(), p.rssBytes());
                }
            }
        }
        return rss;
    }

    /** The pids of the components started, running or not, in start order. */
    public List<Long> pids() {
        synchronized (processes) {
            return processes.stream().map(ComponentProcess::pid).toList();
        }
    }

    /** How long each component took to stop in {@link #close()}, in milliseconds (empty before close). */
    public Map<Component, Long> stopMillisByComponent() {
        synchronized (stopMillis) {
            return Map.copyOf(stopMillis);
        }
    }

    /** The log of a component: {@code <dir>/logs/<component>.log}. */
    public Path log(Component component) {
        return directory.resolve("logs").resolve(component.programName() + ".log");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Stopping

    /**
     * Stops the components in reverse start order (controller manager, scheduler, apiserver, etcd): SIGTERM, up to
     * five seconds each for a graceful exit, then SIGKILL. Idempotent; safe from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the JVM is already shutting down, or the hook was never added (start failed early)
            }
        }
        List<ComponentProcess> reverse;
        synchronized (processes) {
            reverse = new ArrayList<>(processes);
        }
        Collections.reverse(reverse);
        // What the control plane cost this cluster's life, for whoever tunes how many clusters run at once.
        config.progress().accept("control plane CPU time: " + reverse.stream().filter(ComponentProcess::isAlive)
                .map(p -> p.component().programName() + " " + p.cpuTime().toMillis() / 100 / 10.0 + " s")
                .collect(java.util.stream.Collectors.joining(", ")));
        for (ComponentProcess p : reverse) {
            long t0 = System.nanoTime();
            boolean killed = p.stop(STOP_GRACE);
            if (killed) {
                config.progress().accept(p.component().programName() + " ignored SIGTERM for " + STOP_GRACE.toSeconds()
                        + " s and was killed");
            }
            stopMillis.put(p.component(), millisSince(t0));
        }
        try {
            Files.deleteIfExists(directory.resolve("pids"));
        } catch (IOException ignored) {
            // the pids file only serves reapOrphans; a stale one names processes that are gone
        }
    }

    /**
     * Kills the control-plane processes a previous JVM left running for {@code directory}, from its {@code pids} file.
     * A pid is killed only if {@code /proc/<pid>/cmdline} shows one of our programs (the module binary
     * {@code controlplane} or an official component binary) with an argument inside {@code directory}, since pids are
     * reused. Returns how many were killed.
     */
    public static int reapOrphans(Path directory) {
        Path dir = directory.toAbsolutePath();
        Path pids = dir.resolve("pids");
        if (!Files.isRegularFile(pids)) {
            return 0;
        }
        int killed = 0;
        try {
            for (String line : Files.readAllLines(pids, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 0 || parts[0].isEmpty()) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (isOurs(pid, dir)) {
                    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                    if (handle.isPresent()) {
                        kill(handle.get());
                        killed++;
                    }
                }
            }
            Files.deleteIfExists(pids);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + pids, e);
        }
        return killed;
    }

    static boolean isOurs(long pid, Path directory) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String[] argv = new String(raw, StandardCharsets.UTF_8).split("\0");
            if (argv.length == 0) {
                return false;
            }
            String program = Path.of(argv[0]).getFileName().toString();
            if (!PROGRAM_NAMES.contains(program)) {
                return false;
            }
            String dir = directory.toString();
            for (String arg : argv) {
                if (arg.contains(dir + "/") || arg.endsWith(dir)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // gone, or not ours to read
        }
    }

    private static void kill(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }
}
