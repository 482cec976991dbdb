package io.winnode.e2e.runner.report;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Allure 2's trends: a report keeps the previous runs in {@code history/}, and the next generation
 * reads them from {@code <results>/history/}. Copying one into the other before generating is what
 * makes the trend charts and a test's history tab span runs.
 */
final class ReportHistory {

    static final String FOLDER = "history";

    private ReportHistory() {
    }

    /**
     * Copies the history to carry into {@code results}: the one of {@code historyFrom} (a previous
     * report, which must have one), else the one of the report about to be replaced in {@code output}
     * (so repeated local runs get trends), else none.
     *
     * @return the report whose history was carried over
     */
    static Optional<Path> carryOver(Optional<Path> historyFrom, Path output, Path results) {
        Path source;
        if (historyFrom.isPresent()) {
            source = historyFrom.get();
            if (!Files.isDirectory(source.resolve(FOLDER))) {
                throw new InvalidInputException("--history-from " + source + " holds no " + FOLDER + "/ folder. Pass the "
                        + "directory of a previous Allure report (the --output of an earlier ./winnode report), or drop "
                        + "the option.");
            }
        } else if (Files.isDirectory(output.resolve(FOLDER))) {
            source = output;
        } else {
            return Optional.empty();
        }
        replace(source.resolve(FOLDER), results.resolve(FOLDER));
        return Optional.of(source);
    }

    private static void replace(Path from, Path to) {
        try {
            deleteTree(to);
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file)) {
                        Files.copy(file, to.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the report history " + from + " to " + to, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
