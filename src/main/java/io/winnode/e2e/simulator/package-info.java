/**
 * An embedded, simulated mixed Linux + Windows Kubernetes cluster, reachable only through its
 * Kubernetes API ({@link io.winnode.e2e.simulator.SimulatedCluster}).
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@code api}: the API server — fabric8's CRUD mock store (with its own watch delivery, see
 *       {@link io.winnode.e2e.simulator.api.WatchSafeCrudDispatcher}) behind the work a real API server
 *       does synchronously: defaulting, generateName, RuntimeClass and DefaultTolerationSeconds
 *       admission, OS-conditional pod validation (parity SCH-07), PodSecurity enforce (SEC-11), Service ClusterIP/NodePort
 *       allocation, dry-run, Secret stringData, namespace termination/finalize, events.k8s.io/v1 reads
 *       of the core Events, strategic-merge PATCH applied as merge patch, field selectors for
 *       pods and events, and routing of the kubelet-served {@code exec}/{@code log} subresources.</li>
 *   <li>{@code controllers}: scheduler, Deployment/ReplicaSet/DaemonSet/Job/EndpointSlice/namespace
 *       controllers and the garbage collector. They read shared informers and write through a
 *       fabric8 client, like kube-controller-manager and kube-scheduler.</li>
 *   <li>{@code kubelet}: one kubelet per topology node — admission (SCH-06), volumes, pod IPs,
 *       image pulls against {@code images/catalog.yaml} (RT-09), container start/exit/restart,
 *       status and Events; the streaming server for exec ({@code v4.channel.k8s.io}) and logs; and
 *       {@code /configz}, {@code /stats/summary}, {@code /metrics/resource} and {@code /healthz} through the node proxy.</li>
 *   <li>{@code container}: what a process in a container does — the Linux (BusyBox, dig, curl)
 *       and Windows (cmd, PowerShell, curl.exe) userlands the suite's command lines use
 *       ({@code framework.exec.CommandLines}), agnhost subcommands, per-container filesystems.</li>
 *   <li>{@code network}: the pod network, kube-proxy service routing (with ClientIP session
 *       affinity, NET-09) and hostPort mappings, and cluster DNS with the per-OS resolver rules (NET-16).</li>
 *   <li>{@code faults}: fault files ({@code faults/README.md}) and the hooks each layer above asks
 *       whether a fault applies to what it is doing (see that package).</li>
 * </ul>
 * The kubelet writes each pod's kubelet-managed hosts file ({@code /etc/hosts}, Windows
 * {@code C:\Windows\System32\drivers\etc\hosts}) with {@code hostAliases}, and refuses a container
 * that would run as root under {@code runAsNonRoot} (CreateContainerConfigError). In the FAST profile
 * DNS queries and EndpointSlice writes get a seeded 0–50 ms jitter so that ordering races surface.
 * The data plane ({@code exec}, DNS, connections) reads the object store in-process because it runs
 * inside API requests, on the mock server's event loop, where calling back over HTTP could deadlock.
 *
 * <h2>Known simplifications</h2>
 * Probes run against the container model (tcpSocket, httpGet, exec); startup probes are not run; UDP is not modelled; a
 * Deployment rollout replaces the old ReplicaSet once the new one is ready, without surge
 * accounting; nodes never lose readiness; in the REALISTIC profile the kubelet stops a deleted pod's
 * containers within the grace period and then removes the pod, but meanwhile the stored object does
 * not show its deletionTimestamp (the CRUD store drops objects marked for deletion that have no
 * finalizers); pod (anti-)affinity and topology spread constraints are not evaluated by the scheduler; a terminating namespace carries its
 * {@code kubernetes} finalizer in metadata as well as in spec for the same reason.
 */
package io.winnode.e2e.simulator;
