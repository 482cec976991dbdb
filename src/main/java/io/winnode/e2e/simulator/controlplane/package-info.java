/**
 * The real Kubernetes control plane under the simulated nodes: etcd, kube-apiserver, kube-scheduler and
 * kube-controller-manager as local child processes (reference real-control-plane.md, /work/shared/reference).
 *
 * <ul>
 *   <li>{@link io.winnode.e2e.simulator.controlplane.ControlPlaneBinaries}: which programs run the components, an
 *       official release directory or our {@code controlplane/} Go module, built once into a cache
 *       ({@link io.winnode.e2e.simulator.controlplane.ControlPlaneBuild}).</li>
 *   <li>{@link io.winnode.e2e.simulator.controlplane.ClusterCertificates}: the cluster's CA, serving and client
 *       certificates and the service-account key.</li>
 *   <li>{@link io.winnode.e2e.simulator.controlplane.ControlPlane}: starts, probes and stops the four components, and
 *       hands out kubeconfigs.</li>
 * </ul>
 */
package io.winnode.e2e.simulator.controlplane;
