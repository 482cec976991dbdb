/**
 * An embedded mixed Linux + Windows cluster for proving the suite: the <b>real</b> Kubernetes control
 * plane with <b>simulated nodes</b>, as kwok and kubemark run it ({@link io.winnode.e2e.simulator.SimulatedCluster}).
 * Reachable only through the API server. Of ours it uses only the ground floor
 * {@code io.winnode.e2e.foundation} (OS families, Windows builds, the image contract, YAML, input
 * errors), never the test framework, so it cannot take the suite's view of what a cluster does.
 *
 * <h2>Layers</h2>
 * <ul>
 *   <li>{@code controlplane}: etcd, kube-apiserver, kube-scheduler and kube-controller-manager of the
 *       release pinned in {@code controlplane/go.mod}, unmodified, built from the official Go modules (or
 *       official release binaries), started as local processes with generated certificates, Node+RBAC
 *       authorization and the default admission plugins (PodSecurity, ServiceAccount, ...) plus
 *       NodeRestriction. Validation, admission, scheduling, every workload and endpoint controller,
 *       garbage collection and namespace deletion are theirs; nothing here re-implements them.</li>
 *   <li>{@code nodes}: one agent per topology node, authenticated as {@code system:node:NAME}: it
 *       registers its Node ({@code topology.NodeFactory}), renews its Lease, takes its pod CIDR from the
 *       controller-manager's node IPAM and runs the kubelet over the pods bound to it; plus the fault
 *       hooks that act on the cluster as a whole.</li>
 *   <li>{@code kubelet}: admission (SCH-06), volumes (projected service-account volumes through the
 *       TokenRequest API), pod IPs, image pulls (RT-09), container start/exit/restart, graceful stop on
 *       the API server's deletionTimestamp, status and Events; and the kubelet's HTTPS API on its own
 *       loopback port, to which the API server proxies {@code pods/exec}, {@code pods/log} and
 *       {@code nodes/proxy} (configz, stats, metrics).</li>
 *   <li>{@code container}: what a process in a container does: the Linux and Windows userlands the
 *       suite's command lines use, agnhost subcommands, per-container filesystems.</li>
 *   <li>{@code network}: the pod network, kube-proxy service routing (with ClientIP session affinity,
 *       NET-09) and hostPort mappings, and cluster DNS with the per-OS resolver rules (NET-16), reading
 *       Services, EndpointSlices and Nodes from the API server through informers as kube-proxy
 *       ({@code system:kube-proxy}) does.</li>
 *   <li>{@code faults}: fault files ({@code faults/README.md}) and the hooks each node-side layer asks
 *       whether a fault applies to what it is doing.</li>
 * </ul>
 *
 * <h2>Known simplifications</h2>
 * No CoreDNS or kube-proxy pods run: the {@code kube-dns} Service exists (as kubeadm's addon creates
 * it) but DNS answers come from the data-plane model. Probes run against the container model; startup
 * probes are not run; UDP is not modelled. In the FAST profile a pod's termination grace period is
 * compressed like every in-container wait.
 */
package io.winnode.e2e.simulator;
