package io.winnode.e2e.runner;

import io.winnode.e2e.framework.config.InvalidInputException;
import io.winnode.e2e.framework.config.ProjectFiles;
import io.winnode.e2e.framework.config.YamlFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The suites of {@code suites/}: the checkout's files (edits apply without a rebuild) and the copies
 * packed into the jar (a runner without a checkout).
 */
final class Suites {

    static final String FOLDER = "suites";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private Suites() {
    }

    static Suite load(String name) {
        if (name == null || !NAME.matcher(name).matches() || !names().contains(name)) {
            throw new InvalidInputException("Unknown suite '" + name + "'. Valid suites: " + String.join(", ", names())
                    + ". A suite is a file suites/NAME.yaml (see suites/README.md).");
        }
        String file = FOLDER + "/" + name + ".yaml";
        Suite suite = YamlFiles.readProjectFile(file, Suite.class);
        if (!name.equals(suite.name())) {
            throw new InvalidInputException(ProjectFiles.describe(file) + " declares name '" + suite.name()
                    + "'; it must equal the file name, '" + name + "'. Fix the name field.");
        }
        return suite;
    }

    /** The names of every suite, sorted. */
    static TreeSet<String> names() {
        var names = new TreeSet<String>();
        collect(ProjectFiles.home().resolve(FOLDER), names);
        URL packed = Suites.class.getClassLoader().getResource(FOLDER);
        if (packed != null) {
            collectPacked(packed, names);
        }
        return names;
    }

    private static void collectPacked(URL packed, TreeSet<String> names) {
        try {
            URI uri = packed.toURI();
            if ("jar".equals(uri.getScheme())) {
                collectFromJar(uri, names);
            } else if ("file".equals(uri.getScheme())) {
                collect(Path.of(uri), names);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unexpected resource URL " + packed, e);
        }
    }

    /**
     * Lists the suites packed in the jar. The jar's file system is closed again at once: JUnit's
     * class-path scanner opens its own for the same jar and fails if one is already open.
     */
    private static void collectFromJar(URI uri, TreeSet<String> names) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
            collect(jar.getPath(FOLDER), names);
        } catch (FileSystemAlreadyExistsException e) {
            collect(FileSystems.getFileSystem(uri).getPath(FOLDER), names);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the winnode jar at " + uri, e);
        }
    }

    private static void collect(Path folder, TreeSet<String> names) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length()))
                    .filter(n -> NAME.matcher(n).matches())
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }
}
