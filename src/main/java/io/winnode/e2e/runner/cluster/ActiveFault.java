package io.winnode.e2e.runner.cluster;

import java.nio.file.Path;

/** A fault a run applies: the file the simulator reads and what the runner reports of it. */
public record ActiveFault(FaultFileSummary summary, Path file) {

    public String id() {
        return summary.id();
    }

    /** {@code D-22 (Service rules never programmed on Windows nodes)}, for the banner. */
    public String describe() {
        return summary.id() + " (" + summary.titleOrId() + ")";
    }
}
