package io.winnode.e2e.runner.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Allure 2 report plugin that adds the "Parity" tab (sources in
 * {@code src/main/resources/allure-plugin/winnode-parity/}). Allure loads plugins from folders on
 * disk, so generation unpacks it from the class path (a checkout's {@code target/classes} or the
 * jar) into a folder of its own.
 */
final class ParityTabPlugin {

    static final String ID = "winnode-parity";
    private static final String RESOURCE = "allure-plugin/" + ID + "/";
    private static final List<String> FILES = List.of("allure-plugin.yml", "static/index.js", "static/styles.css");

    private ParityTabPlugin() {
    }

    /** Writes the plugin into {@code parent/winnode-parity} and returns that folder. */
    static Path unpackInto(Path parent) {
        Path folder = parent.resolve(ID);
        for (String file : FILES) {
            try (InputStream in = ParityTabPlugin.class.getClassLoader().getResourceAsStream(RESOURCE + file)) {
                if (in == null) {
                    throw new IllegalStateException("The winnode build lacks " + RESOURCE + file + "; rebuild it (mvn -B package).");
                }
                Path target = folder.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack the Allure parity plugin into " + folder, e);
            }
        }
        return folder;
    }
}
