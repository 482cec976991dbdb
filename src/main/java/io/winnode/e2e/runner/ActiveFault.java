package io.winnode.e2e.runner;

import java.nio.file.Path;

/** A fault a run applies: the file the simulator reads and what the runner reports of it. */
record ActiveFault(FaultFileSummary summary, Path file) {

    String id() {
        return summary.id();
    }

    /** {@code D-22 (Service rules never programmed on Windows nodes)}, for the banner. */
    String describe() {
        return summary.id() + " (" + summary.titleOrId() + ")";
    }
}
