package io.winnode.e2e.runner.cluster;

import java.nio.file.Path;

/**
 * A cluster this process started for one command (the embedded simulator, or K3s in Docker):
 * reached, like any other, only through the kubeconfig it wrote, and stopped when the command ends.
 */
interface LocalCluster extends AutoCloseable {

    /** The kubeconfig through which the cluster is reached. */
    Path kubeconfig();

    /** Stops the cluster; never throws, since it runs while a command is ending. */
    @Override
    void close();
}
