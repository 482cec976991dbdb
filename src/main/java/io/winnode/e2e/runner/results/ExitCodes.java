package io.winnode.e2e.runner.results;

/**
 * The exit codes of {@code ./winnode}. CI jobs branch on them, so they are a contract: a red run
 * (1) must be told apart from a run that never started because of the input (2) or the cluster (3).
 */
public final class ExitCodes {

    /** Every selected test passed (skipped tests do not fail a run). */
    public static final int PASSED = 0;
    /**
     * At least one test (or a test class's setup) failed, or no Windows side ran although the
     * selection had some (every Windows invocation skipped or aborted): no green without Windows.
     */
    public static final int TESTS_FAILED = 1;
    /** Bad input: flags, suite, tag expression, kubeconfig or YAML file; nothing ran. */
    public static final int BAD_INPUT = 2;
    /** The cluster is unreachable or unusable (for example no schedulable Windows node); nothing ran. */
    public static final int CLUSTER_UNUSABLE = 3;
    /** A defect in winnode itself; run again with --verbose and report the stack trace. */
    public static final int INTERNAL_ERROR = 4;
    /**
     * {@code signoff}: the run is not fit for sign-off, whatever its tests said: it was not on a real
     * cluster, or faults were injected.
     * Not 1: a pipeline must not read a rehearsal on the simulated cluster as a red release.
     */
    public static final int SIGNOFF_INVALID = 5;

    // The same list as --help shows it (picocli's "code:description" form).
    public static final String HELP_PASSED = "0:all selected tests passed";
    public static final String HELP_TESTS_FAILED = "1:a test failed (or a test class's setup), or no Windows side ran (all skipped or aborted)";
    public static final String HELP_BAD_INPUT = "2:bad input (flags, suite, tag expression, kubeconfig or YAML file) "
            + "or no test selected; nothing ran. After a run without failures: the parity matrix could not be built";
    public static final String HELP_CLUSTER_UNUSABLE = "3:cluster unreachable or unusable (e.g. no schedulable Windows nodes); nothing ran";
    public static final String HELP_INTERNAL_ERROR = "4:internal error in winnode (rerun with --verbose and report it)";
    public static final String HELP_SIGNOFF_INVALID = "5:signoff: the run is not fit for sign-off (not on a real cluster, or "
            + "faults injected)";

    private ExitCodes() {
    }
}
