/**
 * The run's custody of what it creates: its id and heartbeat, the removal of earlier runs' leftovers before the
 * first test and by {@code ./winnode clean}, the cleanup on Ctrl-C or SIGTERM ({@code InterruptCleanup}: the first
 * signal cleans up within a bound, a second exits at once) and the per-run claim on output directories
 * ({@code DirectoryClaim}), so that two runs from one checkout never write into each other's results.
 *
 * <p>Used only by the command line ({@code run}, {@code clean}); the run room receives what it needs of it as
 * {@code run.SuiteRun.Custody}. It may use the run room (option converters), the framework's lifecycle (labels,
 * heartbeats, the leftover sweep) and the foundation. {@code architecture.RunnerRoomsTest} checks these doors.
 */
package io.winnode.e2e.runner.custody;
