/**
 * Release sign-off ({@code ./winnode signoff}, and {@code run} of a gate suite): reads a run's
 * {@code metadata.json} and JUnit XML back, joins each test case's attempts
 * ({@code TestCaseResult}), and judges the run against its suite, the quarantine and the Windows
 * builds the cluster had ({@code SignoffGate}, {@code BuildCoverage}), then writes the verdict.
 *
 * <p>May use {@code selection} (suites, quarantine), {@code results}, the foundation and the framework.
 */
package io.winnode.e2e.runner.signoff;
