/**
 * What a command runs: suites ({@code suites/*.yaml}), tag expressions and tag names, {@code --test}
 * ids, shards balanced by recorded durations, the quarantine, and the JUnit Platform discovery of
 * the scenario package ({@code ScenarioLauncher}, {@code TestSelection}).
 *
 * <p>May use {@code results} (recorded test ids and durations), {@code files}, the foundation and the framework.
 */
package io.winnode.e2e.runner.selection;
