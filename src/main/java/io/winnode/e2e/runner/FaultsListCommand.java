package io.winnode.e2e.runner;

import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.FaultCatalog;
import io.winnode.e2e.runner.results.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code ./winnode faults list}: {@code ID  title}, one catalog fault a line, sorted by id. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the catalog faults (faults/catalog/*.yaml): id and title, one per line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed the catalog", ExitCodes.HELP_BAD_INPUT, ExitCodes.HELP_INTERNAL_ERROR})
final class FaultsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (ActiveFault fault : FaultCatalog.standard().all()) {
            out.println(fault.id() + "\t" + fault.summary().titleOrId());
        }
        out.flush();
        return ExitCodes.PASSED;
    }
}
