package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.Pod;
import io.winnode.e2e.foundation.os.OsFamily;

/** A pod the suite deployed and saw running: where it is and how to reach it. */
public record RunningPod(String namespace, String name, OsFamily os, String node, String podIp, String hostIp) {

    static RunningPod of(Pod pod, OsFamily os) {
        return new RunningPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), os,
                pod.getSpec().getNodeName(), pod.getStatus().getPodIP(), pod.getStatus().getHostIP());
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " on " + node;
    }
}
