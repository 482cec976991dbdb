/**
 * One run, from a selection to its results: the run's facts ({@code RunFacts}) and the banner
 * rendered from them, the JUnit Platform execution with its parallel classes and retry rounds
 * ({@code SuiteExecution}), live progress, the outcome of every test across attempts
 * ({@code RunOutcomes}), image pre-pull, the Allure results and the parity matrix files.
 *
 * <p>May use {@code selection}, {@code cluster}, {@code results}, the foundation and the framework.
 */
package io.winnode.e2e.runner.run;
