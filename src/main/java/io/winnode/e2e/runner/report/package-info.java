/**
 * The static HTML report ({@code ./winnode report}, {@code run --report}): the Allure command line,
 * the report's categories, its parity-matrix page and the history carried from report to report.
 * It reads only files a run wrote (Allure results, {@code parity-matrix.json}).
 *
 * <p>May use {@code results}, the foundation and the framework; nothing else of the runner.
 */
package io.winnode.e2e.runner.report;
