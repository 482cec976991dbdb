package io.winnode.e2e.simulator.api;

/**
 * The kubelet side of graceful pod deletion: the API server tells the pod's kubelet to stop it
 * within {@code graceSeconds}; the kubelet deletes the pod object (grace 0) once its containers stopped.
 */
public interface PodTermination {

    /** Returns false when no kubelet runs the pod (then the API server removes it itself). */
    boolean terminate(String namespace, String name, long graceSeconds);
}
