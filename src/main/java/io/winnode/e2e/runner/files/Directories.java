package io.winnode.e2e.runner.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the directories a command made for itself (scratch kubeconfigs, cluster files), as it ends. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything in it; a failure is reported, never thrown, since commands call this as they end. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("winnode: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
