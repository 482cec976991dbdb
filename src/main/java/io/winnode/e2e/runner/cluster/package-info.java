/**
 * The cluster a command talks to: the cluster options, connecting to a real cluster through a
 * kubeconfig or starting a local one (the embedded simulated cluster, K3s in Docker), the files of
 * a long-lived embedded cluster ({@code cluster up}), the fault catalog the simulated cluster
 * applies, and the cluster's facts ({@code ClusterFacts}), read once when the session connects.
 *
 * <p>May use {@code results}, {@code files}, the foundation, the framework and the simulator's launch API.
 */
package io.winnode.e2e.runner.cluster;
