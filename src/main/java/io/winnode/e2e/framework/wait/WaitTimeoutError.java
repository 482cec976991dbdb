package io.winnode.e2e.framework.wait;

/**
 * A wait ran out of time or its condition became impossible. An {@link AssertionError}, so JUnit
 * and testgrid report the test as failed (not errored), with a message that names what was
 * awaited and the last state seen.
 */
public class WaitTimeoutError extends AssertionError {

    public WaitTimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
