package io.winnode.e2e.foundation.files;

import org.apache.commons.io.file.PathUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Removing a directory a command or an embedded cluster made for itself, with everything in it. */
public final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /**
     * Deletes {@code dir} and everything under it (symbolic links are removed, never followed), for
     * a caller that must not go on with any of it left; a missing {@code dir} is nothing to do.
     *
     * @throws UncheckedIOException naming {@code dir} when any of it could not be deleted
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            PathUtils.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + ": " + e, e);
        }
    }

    /**
     * Deletes {@code dir} and everything under it (symbolic links are removed, never followed); a
     * missing or null {@code dir} is nothing to do. A failure is reported on stderr and never thrown:
     * callers clean up as they end, where a leftover scratch directory must not hide their own
     * result or exception.
     */
    public static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            delete(dir);
        } catch (UncheckedIOException e) {
            System.err.println("winnode: " + e.getMessage());
        }
    }
}
