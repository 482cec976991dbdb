package io.winnode.e2e.runner.files;

import io.winnode.e2e.foundation.files.ProjectFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One of the project's data folders ({@code suites/}, {@code faults/catalog/}): the checkout's files
 * (edits apply without a rebuild) together with the copies packed into the jar (a runner without a
 * checkout), as {@link ProjectFiles} finds single files.
 */
public final class ProjectFolder {

    private final String relativePath;

    public ProjectFolder(String relativePath) {
        this.relativePath = relativePath;
    }

    /**
     * The names of the files in the folder whose name ends with {@code suffix}, sorted: the
     * checkout's folder when there is one (so a file deleted there is gone, whatever an older build
     * packed), else the copy packed in the jar.
     */
    public TreeSet<String> fileNames(String suffix) {
        var names = new TreeSet<String>();
        Path checkout = ProjectFiles.home().resolve(relativePath);
        if (Files.isDirectory(checkout)) {
            collect(checkout, suffix, names);
            return names;
        }
        URL packed = ProjectFolder.class.getClassLoader().getResource(relativePath);
        if (packed != null) {
            collectPacked(packed, suffix, names);
        }
        return names;
    }

    /**
     * A file of the folder on disk: the checkout's, else the jar's copy extracted into a temporary
     * directory, for consumers (the simulator) that take a path.
     */
    public Path file(String fileName) {
        String relative = relativePath + "/" + fileName;
        Path onDisk = ProjectFiles.home().resolve(relative);
        if (Files.isRegularFile(onDisk)) {
            return onDisk;
        }
        try (InputStream in = ProjectFiles.open(relative)) {
            Path dir = Files.createTempDirectory("winnode-" + relativePath.replace('/', '-') + "-");
            Path copy = dir.resolve(fileName);
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + relative + " from the winnode jar", e);
        }
    }

    private void collectPacked(URL packed, String suffix, TreeSet<String> names) {
        try {
            URI uri = packed.toURI();
            if ("jar".equals(uri.getScheme())) {
                collectFromJar(uri, suffix, names);
            } else if ("file".equals(uri.getScheme())) {
                collect(Path.of(uri), suffix, names);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unexpected resource URL " + packed, e);
        }
    }

    /**
     * Lists the files packed in the jar. The jar's file system is closed again at once: JUnit's
     * class-path scanner opens its own for the same jar and fails if one is already open.
     */
    private void collectFromJar(URI uri, String suffix, TreeSet<String> names) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            collect(jar.getPath(relativePath), suffix, names);
        } catch (FileSystemAlreadyExistsException e) {
            collect(FileSystems.getFileSystem(uri).getPath(relativePath), suffix, names);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the winnode jar at " + uri, e);
        }
    }

    private static void collect(Path folder, String suffix, TreeSet<String> names) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(suffix)).forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }
}
