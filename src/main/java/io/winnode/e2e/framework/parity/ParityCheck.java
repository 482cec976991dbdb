package io.winnode.e2e.framework.parity;

import io.qameta.allure.Allure;
import io.winnode.e2e.framework.placement.Side;

/**
 * The parity assertion of one test invocation: the scenario reports what it observed on its side
 * (one of its row's named outcomes, or a detail), this records it for the run's matrix and fails the
 * test when it differs from the declared expectation for that side.
 */
public final class ParityCheck {

    private final ParityRow row;
    private final Side side;
    private final ParityLedger ledger;
    private boolean recorded;

    public ParityCheck(ParityRow row, Side side, ParityLedger ledger) {
        this.row = row;
        this.side = side;
        this.ledger = ledger;
    }

    public ParityRow row() {
        return row;
    }

    /** Asserts that the observed outcome is the one expected on this side. */
    public void verify(Observed observed, String node) {
        verify(observed, node, "");
    }

    /**
     * Asserts that the observed outcome is the one expected on this side, and records a measurement
     * taken on the way (such as {@code all Running after 12.4 s}) that the matrix shows beside it.
     * Only the outcome is compared: measurements vary from run to run.
     *
     * @throws io.winnode.e2e.foundation.input.InvalidInputException when {@code seen} names an outcome
     *         the row does not declare
     */
    public void verify(Observed seen, String node, String measurement) {
        String observed = seen.text(row);
        String expected = row.expectedOn(side).orElseThrow(() -> new IllegalStateException(
                row.id() + " is " + row.expectation().label() + " and declares no outcome for " + side.label()));
        Observation observation = new Observation(row.id(), side, node == null ? "" : node, observed, expected, true,
                measurement == null ? "" : measurement);
        record(observation);
        Allure.step(row.id() + " on " + side.label() + ": expected '" + expected + "', observed '" + observation.shown() + "'",
                observation.matches() ? io.qameta.allure.model.Status.PASSED : io.qameta.allure.model.Status.FAILED);
        if (!observation.matches()) {
            throw new AssertionError(row.id() + " (" + row.behaviour() + ") on " + side.label()
                    + (node == null || node.isEmpty() ? "" : " (node " + node + ")")
                    + ": expected '" + expected + "' [" + row.expectationOn(side).label()
                    + (row.expectationOn(side) == Expectation.SAME ? ", as on every OS" : ", documented Windows/Linux difference")
                    + "; source: " + row.sourceOn(side) + "], but observed '" + observed + "'");
        }
    }

    /**
     * The sentence of an observation in this check's row, for a failure detail that combines several
     * observations (NET-16a quotes what each of two names resolved to).
     */
    public String describe(Observed seen) {
        return seen.text(row);
    }

    /** Records that the test ended before it could observe an outcome (it failed or was aborted). */
    public void recordUnobserved(String why, boolean available) {
        if (!recorded) {
            record(new Observation(row.id(), side, "", why, row.expectedOn(side).orElse(""), available));
        }
    }

    private void record(Observation observation) {
        if (recorded) {
            throw new IllegalStateException(row.id() + " was already verified in this test on " + side.label());
        }
        recorded = true;
        ledger.record(observation);
    }

    /** How Allure shows this test parameter (it prints every argument of a test). */
    @Override
    public String toString() {
        return "parity check of " + row.id() + " on " + side;
    }
}
