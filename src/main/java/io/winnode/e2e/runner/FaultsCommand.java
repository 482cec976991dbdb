package io.winnode.e2e.runner;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ./winnode faults list|verify}: the fault catalog, and proof that the suite catches each fault. */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "The fault catalog (faults/catalog): list it, or verify that the suite passes on the clean "
                + "simulated cluster and fails under each fault.",
        subcommands = {FaultsListCommand.class, FaultsVerifyCommand.class})
final class FaultsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: faults list or faults verify.");
    }
}
