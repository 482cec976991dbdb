/**
 * Fault files ({@code faults/README.md}): the model ({@link io.winnode.e2e.simulator.faults.FaultFile},
 * read strictly by {@link io.winnode.e2e.simulator.faults.FaultFiles#read}) and the runtime question
 * every simulator layer asks, {@link io.winnode.e2e.simulator.faults.ActiveFaults}: "which active faults
 * of this mechanism select this node and pod now?".
 *
 * <h2>Where each mechanism hooks in</h2>
 * Each mechanism is a general hook in the layer the real defect lived in; selectors speak only of
 * nodes, namespaces and labels, never of a scenario.
 * <ul>
 *   <li>{@code network}: {@code network.PodNetworkAccess} (the source pod's data path), classifying the
 *       destination as podIP, clusterIP, nodePort, hostPort (a node IP on a port that is not a
 *       NodePort), clusterDNS (also applied to the pod's DNS queries, UDP/53) or external.</li>
 *   <li>{@code dns}: the source pod's resolver, per query after search-list expansion; NXDOMAIN falls
 *       through to the next search candidate as a real resolver does; timeout is shown by dig
 *       ({@code ;; connection timed out; no servers could be reached}, exit 9, on both OSes) and by
 *       agnhost connect ({@code DNS: ...}).</li>
 *   <li>{@code serviceProxy}: {@code network.ClusterNetwork} routes by the rules the source pod's node
 *       has programmed: none, the state when the fault activated, or the state {@code delaySeconds}
 *       ago ({@code network.RuleHistory}, captured every sync period while such a fault exists).</li>
 *   <li>{@code ignoredField}: the kubelet works from a copy of the pod with the fields cleared
 *       ({@code kubelet.IgnoredFields}), so volumes, hosts file, resolver, users, runAsNonRoot, hostPort
 *       mapping, stats and the termination grace period all follow; {@code spec.sessionAffinity} is
 *       applied by the source node's proxy.</li>
 *   <li>{@code failingStep} and {@code latency}: {@code kubelet.Kubelet} / {@code kubelet.ContainerLifecycle}
 *       with the kubelet's own reasons (FailedCreatePodSandBox, FailedMount, CreateContainerError,
 *       ErrImagePull/ImagePullBackOff) unless the fault gives {@code reason}; {@code termination}:
 *       the kubelet never completes a graceful stop, so the pod stays Terminating in the API server.</li>
 *   <li>{@code registry}: {@code kubelet.ContainerLifecycle} asks {@code kubelet.KubeletFaults} before each
 *       pull and fails it with containerd's text for that registry answer ({@code kubelet.RegistryErrors}).</li>
 *   <li>{@code subresource}: {@code kubelet.SubresourceFaults} inside the kubelet server, for
 *       exec/attach/logs/port-forward and the stats, metrics and configz the API server proxies.</li>
 *   <li>{@code node}: {@code nodes.NodeFaults}, re-applied every sync period through the API.</li>
 * </ul>
 *
 * <h2>Timing</h2>
 * {@code afterSeconds}/{@code forSeconds} are wall-clock seconds from the start of the simulated
 * nodes in every latency profile; {@code afterEvent} is observed through the Service and Pod
 * informers ({@code nodes.FaultEventFeed}); objects that existed when the faults were armed
 * are not events. With both {@code afterSeconds} and {@code afterEvent}, the fault is active once
 * both hold. {@code latency} and {@code network.delaySeconds} are added as real time; in-container
 * waits (timeouts) stay scaled by the latency profile.
 *
 * <h2>Not supported</h2>
 * {@code subresource} {@code portForward} answers as a runtime without port-forward does (nothing
 * listens in a simulated pod); {@code metrics} is the kubelet's {@code /metrics/resource} through the
 * node proxy (metrics.k8s.io is not served); {@code terminationGracePeriodSeconds} is compressed in the
 * FAST profile like every in-container wait. No mechanism acts on the API server itself: it is the
 * real one, and none of the catalog's defects lived there.
 */
package io.winnode.e2e.simulator.faults;
