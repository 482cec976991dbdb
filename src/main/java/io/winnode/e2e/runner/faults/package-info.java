/**
 * Proof that the suite catches the fault catalog's defects ({@code ./winnode faults verify}):
 * child JVMs that run the suite clean and under each fault ({@code ChildJvm}, {@code ChildRun}),
 * the pool of prebuilt control planes they share, the class-data archive that makes them start
 * faster, and the detection matrix that judges their results.
 *
 * <p>May use {@code selection}, {@code cluster}, {@code results}, {@code files}, the foundation and the framework;
 * never the command line (it hands down the main class a child runs) nor {@code run}.
 */
package io.winnode.e2e.runner.faults;
