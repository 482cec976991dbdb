package io.winnode.e2e.simulator.nodes;

import io.vertx.core.Vertx;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.kubelet.ImagePuller;
import io.winnode.e2e.simulator.kubelet.Latencies;
import io.winnode.e2e.simulator.kubelet.RuntimeRegistry;
import io.winnode.e2e.simulator.network.ClusterDns;
import io.winnode.e2e.simulator.network.ClusterNetwork;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every simulated node shares: the container runtime and data-plane models (one pod network,
 * one DNS, one registry of sandboxes, as one physical network joins real nodes), the way the API
 * server reaches their kubelets, the loops and
 * processes they run on, the HTTP servers' event loops, and the armed faults.
 */
record NodeRuntime(Vertx vertx, KubeletTunnel tunnel, String kubeletVersion, Latencies latencies, RuntimeRegistry registry,
                   ClusterNetwork network, ClusterDns dns, String clusterDnsIp, ImagePuller puller,
                   ExecutorService processes, ScheduledExecutorService loops, ActiveFaults faults,
                   Set<String> reportedFailures) {

    NodeRuntime {
        reportedFailures = reportedFailures == null ? ConcurrentHashMap.newKeySet() : reportedFailures;
    }

    /** A failing pass is retried on the next one; each distinct failure is logged once, not every 25 ms. */
    void runSafely(String loop, Runnable pass) {
        try {
            pass.run();
        } catch (RuntimeException e) {
            if (reportedFailures.add(loop + ":" + e.getClass().getName() + ":" + e.getMessage())) {
                System.getLogger(NodeRuntime.class.getName()).log(System.Logger.Level.WARNING,
                        loop + " pass failed (retried every sync period): " + e, e);
            }
        }
    }
}
