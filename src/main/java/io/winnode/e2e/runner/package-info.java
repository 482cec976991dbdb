/**
 * The command line, {@code ./winnode}: {@code Winnode} and one picocli command class per
 * subcommand ({@code run}, {@code nodes}, {@code list}, {@code faults}, {@code cluster},
 * {@code signoff}, {@code report}). A command reads its options, calls the rooms below and turns
 * the result into output and an exit code; the work itself lives in those rooms. The run's custody
 * (labels, signals and leftovers around a run) is the {@code custody} room's.
 *
 * <p>It may use every runner room ({@code custody}, {@code faults}, {@code signoff}, {@code report}, {@code run},
 * {@code selection}, {@code cluster}, {@code results}, {@code files}), the foundation and the framework. No room
 * uses it: a room that needs the command line's main class (a child JVM) is handed it.
 * {@code architecture.RunnerRoomsTest} checks these doors on the bytecode.
 */
package io.winnode.e2e.runner;
