package io.winnode.e2e.runner;

import org.junit.platform.launcher.LauncherSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./winnode list}: the ids of the tests a suite (and --tags) selects, one a line, sorted;
 * nothing else on stdout, so scripts can diff or count it. No cluster needed.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the ids (Class#method) of the tests a suite and --tags select, one per line. Needs no cluster.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed the tests", ExitCodes.HELP_BAD_INPUT, ExitCodes.HELP_INTERNAL_ERROR})
final class ListCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TestSelection tests = TestSelection.of(selection);
        PrintWriter out = spec.commandLine().getOut();
        try (LauncherSession launcher = ScenarioLauncher.open()) {
            tests.discoverIds(launcher.getLauncher()).forEach(out::println);
        }
        out.flush();
        return ExitCodes.PASSED;
    }
}
