package io.winnode.e2e.framework.parity;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every parity observation of the current run, in the order made. Scenarios write to it through
 * {@code ParityCheck}; the runner reads it to print and save the parity matrix. Safe for
 * concurrent test classes.
 */
public final class ParityLedger {

    private static final ParityLedger RUN = new ParityLedger();

    private final ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();

    /** The ledger of the run in this JVM. */
    public static ParityLedger run() {
        return RUN;
    }

    public void record(Observation observation) {
        observations.add(observation);
    }

    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Starts a new run: forgets earlier observations. */
    public void clear() {
        observations.clear();
    }
}
