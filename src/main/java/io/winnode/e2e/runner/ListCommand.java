package io.winnode.e2e.runner;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.selection.ScenarioLauncher;
import io.winnode.e2e.runner.selection.SelectedTests;
import io.winnode.e2e.runner.selection.SelectionOptions;
import io.winnode.e2e.runner.selection.TestSelection;
import org.junit.platform.launcher.LauncherSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code ./winnode list}: the ids of the tests a selection holds, one a line, sorted; nothing else on
 * stdout, so scripts can diff or count it. Stderr says why each other test is out. No cluster needed.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Print the ids (Class#method) of the tests a suite and --tags (or --test, and --shard) select, "
                + "one per line, on stdout. Stderr names every other test and why it is out. Needs no cluster.",
                "An empty selection is not an error here (list is for looking); run refuses it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed the tests (possibly none)",
                "2:bad input (flags, suite file, tag expression, unknown tag or test id, --shard, --durations); nothing listed",
                ExitCodes.HELP_INTERNAL_ERROR})
final class ListCommand implements Callable<Integer> {

    @Mixin
    SelectionOptions selection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TestSelection tests = TestSelection.of(selection);
        SelectedTests selected;
        try (LauncherSession launcher = ScenarioLauncher.open()) {
            selected = tests.discover(launcher.getLauncher());
        }
        PrintWriter out = spec.commandLine().getOut();
        selected.ids().forEach(out::println);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        for (SelectedTests.Excluded test : selected.excluded()) {
            err.println("excluded  " + test.id() + "  " + test.reason());
        }
        if (selected.isEmpty()) {
            err.println("note: no test matches " + tests.describe() + "; ./winnode run would refuse this selection.");
        } else {
            err.println(selected.ids().size() + " of " + (selected.ids().size() + selected.excluded().size())
                    + " tests selected by " + tests.describe() + ".");
        }
        err.flush();
        return ExitCodes.PASSED;
    }
}
