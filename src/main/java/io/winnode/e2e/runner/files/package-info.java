/**
 * Small file helpers every runner room may use: the project's data folders as the checkout or the
 * jar holds them ({@code ProjectFolder}) and deleting a scratch directory. Uses only the framework.
 */
package io.winnode.e2e.runner.files;
