package io.winnode.e2e.foundation.files;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's data folders ({@code images/}, {@code manifests/}, {@code suites/},
 * {@code parity/}). A checkout's own files win, so edits take effect without a rebuild; the copies
 * packed into the jar serve a runner container that has no checkout.
 *
 * <p>The root is the working directory unless {@code winnode.home} (system property) or
 * {@code WINNODE_HOME} names another.
 */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    public static Path home() {
        String configured = System.getProperty("winnode.home", System.getenv("WINNODE_HOME"));
        return Path.of(configured == null || configured.isBlank() ? "." : configured).toAbsolutePath().normalize();
    }

    /** Opens {@code relativePath} (for example {@code images/catalog.yaml}) from the checkout or the jar. */
    public static InputStream open(String relativePath) {
        Path onDisk = home().resolve(relativePath);
        try {
            if (Files.isRegularFile(onDisk)) {
                return Files.newInputStream(onDisk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + onDisk, e);
        }
        InputStream packed = ProjectFiles.class.getClassLoader().getResourceAsStream(relativePath);
        if (packed == null) {
            throw new InvalidInputException("Project file " + relativePath + " was found neither under "
                    + home() + " nor in the winnode jar. Run ./winnode from the repository root, or set WINNODE_HOME to it.");
        }
        return packed;
    }

    /** Whether {@link #open} would find {@code relativePath}, in the checkout or in the jar. */
    public static boolean exists(String relativePath) {
        return Files.isRegularFile(home().resolve(relativePath))
                || ProjectFiles.class.getClassLoader().getResource(relativePath) != null;
    }

    /** Where {@link #open} would read {@code relativePath} from, for error messages. */
    public static String describe(String relativePath) {
        Path onDisk = home().resolve(relativePath);
        return Files.isRegularFile(onDisk) ? onDisk.toString() : "classpath:" + relativePath;
    }
}
