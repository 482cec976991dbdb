package io.winnode.e2e.runner;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.runner.results.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * {@code ./winnode}: runs the Windows-node suite against a cluster ({@code run}), shows the
 * cluster's nodes ({@code nodes}), lists what a suite would run ({@code list}), proves the suite
 * catches the fault catalog's defects ({@code faults}), judges a run for release sign-off ({@code signoff})
 * and turns a run's Allure results into the HTML report ({@code report}).
 */
@Command(name = "winnode",
        mixinStandardHelpOptions = true,
        version = "winnode-e2e 0.1.0",
        description = "Conformance and end-to-end suite for Windows worker nodes in Kubernetes.",
        subcommands = {RunCommand.class, NodesCommand.class, ListCommand.class, FaultsCommand.class, ClusterCommand.class, CleanCommand.class,
                SignoffCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_PASSED, ExitCodes.HELP_TESTS_FAILED, ExitCodes.HELP_BAD_INPUT,
                ExitCodes.HELP_CLUSTER_UNUSABLE, ExitCodes.HELP_INTERNAL_ERROR, ExitCodes.HELP_SIGNOFF_INVALID})
public final class Winnode implements Runnable {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of errors (they are hidden by default).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // `./winnode` alone: say what to do instead of doing nothing.
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: run, nodes, list, faults, cluster, clean, signoff or report.");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; never exits the JVM (tests call it). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, writing to the given streams. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        Winnode root = new Winnode();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter errors = e.getCommandLine().getErr();
            errors.println("winnode: " + e.getMessage());
            errors.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            if (root.verbose) {
                e.printStackTrace(errors);
            }
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> report(e, cl.getErr(), root.verbose));
        return commandLine.execute(args);
    }

    /** Maps an error to its exit code with a one-paragraph message; the stack only with --verbose. */
    static int report(Exception e, PrintWriter err, boolean verbose) {
        int code;
        if (e instanceof InvalidInputException) {
            err.println("winnode: bad input: " + e.getMessage());
            code = ExitCodes.BAD_INPUT;
        } else if (e instanceof ClusterUnreachableException) {
            err.println("winnode: cluster unusable: " + e.getMessage());
            code = ExitCodes.CLUSTER_UNUSABLE;
        } else {
            err.println("winnode: internal error: " + e + ". Run again with --verbose and report the stack trace.");
            code = ExitCodes.INTERNAL_ERROR;
        }
        if (verbose) {
            e.printStackTrace(err);
        } else if (code != ExitCodes.INTERNAL_ERROR) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }
}
