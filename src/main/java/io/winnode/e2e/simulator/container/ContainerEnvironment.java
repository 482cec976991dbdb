package io.winnode.e2e.simulator.container;

import io.winnode.e2e.foundation.os.OsFamily;

import java.time.Duration;

/** Everything a command run in a container can observe or touch. */
public interface ContainerEnvironment {

    OsFamily os();

    ImageProfile image();

    ContainerFilesystem filesystem();

    /** The container's hostname: the pod name (or {@code spec.hostname}). */
    String hostname();

    /** The user the process runs as (image default, {@code runAsUser} or {@code runAsUserName}). */
    String userName();

    NetworkAccess network();

    /** Waits as a {@code sleep}/{@code --timeout} of this length would, scaled by the latency profile. */
    void pause(Duration realDuration);
}
