/**
 * What a run leaves behind and others read back: the JUnit XML (written by a run, read by
 * sign-off, the fault proof and shard balancing), test ids and test case names, {@code metadata.json},
 * the spelling of each of the run's facts ({@code RunFact}) and the exit codes.
 *
 * <p>The ground floor of the runner: it uses only the foundation, the framework and libraries, no other runner room.
 */
package io.winnode.e2e.runner.results;
