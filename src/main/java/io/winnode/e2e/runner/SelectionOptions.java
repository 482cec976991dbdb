package io.winnode.e2e.runner;

import picocli.CommandLine.Option;

/** Which scenarios a command selects: a suite, narrowed by a tag expression. */
final class SelectionOptions {

    static final String SCENARIOS_PACKAGE = "io.winnode.e2e.scenarios";

    @Option(names = "--suite", paramLabel = "NAME", defaultValue = "default",
            description = "Suite to run, a file suites/NAME.yaml (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--tags", paramLabel = "EXPR",
            description = "JUnit tag expression ANDed with the suite's, e.g. 'networking & !slow' or 'Core.Network'.")
    String tags;

    // Lets the runner's own tests point it at fixture scenarios; not for users, hence hidden.
    @Option(names = "--scenarios-package", paramLabel = "PACKAGE", defaultValue = SCENARIOS_PACKAGE, hidden = true)
    String scenariosPackage;
}
