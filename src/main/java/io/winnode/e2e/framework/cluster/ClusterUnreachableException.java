package io.winnode.e2e.framework.cluster;

/**
 * The cluster cannot be used: the API server does not answer, refuses our credentials, or lacks
 * what the suite needs (for example Windows nodes). The runner maps it to exit code 3.
 */
public class ClusterUnreachableException extends RuntimeException {

    public ClusterUnreachableException(String message) {
        super(message);
    }

    public ClusterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
