/**
 * Files on disk: the project's data folders in a checkout or in the jar
 * ({@link io.winnode.e2e.foundation.files.ProjectFiles}), and deleting a directory tree a command
 * or an embedded cluster made for itself ({@link io.winnode.e2e.foundation.files.DirectoryTrees}).
 * Depends on nothing of ours outside the foundation.
 */
package io.winnode.e2e.foundation.files;
