package io.winnode.e2e.runner.selection;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which scenarios a command selects: a suite, narrowed by a tag expression, or explicit test ids; and a shard of them. */
public final class SelectionOptions {

    public static final String SCENARIOS_PACKAGE = "io.winnode.e2e.scenarios";

    @Option(names = "--suite", paramLabel = "NAME", defaultValue = "default",
            description = "Suite to run, a file suites/NAME.yaml (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "JUnit tag expression ANDed with the suite's, e.g. 'networking & !slow' or 'Core.Network'.")
    String tags;

    @Option(names = "--test", paramLabel = "ID", split = ",",
            description = "Select just this test (Class#method, as ./winnode list prints it), whatever the suite's tags; "
                    + "repeatable. The suite still sets timeout, retries and parallelism.")
    List<String> testIds = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run only shard I of N (1-based, e.g. 2/3): the selection split into N disjoint parts that "
                    + "together are the whole selection, the same on every machine.")
    String shard;

    @Option(names = "--durations", paramLabel = "FILE|DIR",
            description = "With --shard: balance the shards by the test times of a previous run's junit_*.xml "
                    + "(a file, or every junit_*.xml in a directory). Without it every test weighs the same.")
    Path durations;

    // Lets the runner's own tests point it at fixture scenarios; not for users, hence hidden.
    @Option(names = "--scenarios-package", paramLabel = "PACKAGE", defaultValue = SCENARIOS_PACKAGE, hidden = true)
    String scenariosPackage;
}
