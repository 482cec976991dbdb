/**
 * The project's data folders ({@code suites/}, {@code faults/catalog/}) as the checkout or the jar
 * holds them ({@code ProjectFolder}), for the rooms that list them. Uses only the foundation.
 */
package io.winnode.e2e.runner.files;
