package io.winnode.e2e.framework.parity;

import io.winnode.e2e.framework.report.Redactor;

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

    /** Records an observation; its text is scrubbed first, since the matrix is published with the run. */
    public void record(Observation observation) {
        Redactor redactor = Redactor.run();
        observations.add(new Observation(observation.behaviourId(), observation.side(), observation.node(),
                redactor.scrub(observation.observed()), redactor.scrub(observation.expected()), observation.available(),
                redactor.scrub(observation.measurement())));
    }

    public List<Observation> observations() {
        return List.copyOf(observations);
    }

    /** Starts a new run: forgets earlier observations. */
    public void clear() {
        observations.clear();
    }
}
