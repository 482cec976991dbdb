package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Whether the kubelet running a pod will never confirm its termination (a {@code failingStep:
 * termination} fault): a graceful DELETE is then accepted but the pod is never removed, as a real
 * API server keeps such a pod Terminating. A force delete (grace 0) still removes it.
 */
public interface PodDeletionHold {

    boolean holds(Pod pod);
}
