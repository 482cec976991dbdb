/**
 * The command line, {@code ./winnode}: {@code Winnode} and one picocli command class per
 * subcommand ({@code run}, {@code nodes}, {@code list}, {@code faults}, {@code cluster},
 * {@code signoff}, {@code report}). A command reads its options, calls the rooms below and turns
 * the result into output and an exit code; the work itself lives in those rooms. The run's custody
 * lives here too ({@code RunCustody}, {@code DirectoryClaim}, {@code InterruptCleanup}: labels,
 * signals and leftovers around a run); the run room receives what it needs of it as
 * {@code run.SuiteRun.Custody}.
 *
 * <p>It may use every runner room ({@code faults}, {@code signoff}, {@code report}, {@code run},
 * {@code selection}, {@code cluster}, {@code results}, {@code files}), the foundation and the framework. No room
 * uses it: a room that needs the command line's main class (a child JVM) is handed it.
 * {@code architecture.RunnerRoomsTest} checks these doors on the bytecode.
 */
package io.winnode.e2e.runner;
