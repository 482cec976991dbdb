package io.winnode.e2e.simulator.faults;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;
import tools.jackson.databind.DatabindException;

import java.io.IOException;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.List;

/** Reads fault files ({@code faults/README.md}) strictly: an unknown key or a bad value names the file, line and fix. */
public final class FaultFiles {

    private FaultFiles() {
    }

    /** @throws InvalidInputException when the file is missing or malformed */
    public static FaultFile read(Path file) {
        try {
            return YamlFiles.read(file, FaultFile.class);
        } catch (InvalidInputException e) {
            // Record errors carry no location, or the end of the buffered object: locate them by their path.
            if (!(e.getCause() instanceof DatabindException cause) || cause.getPath().isEmpty()) {
                throw e;
            }
            throw located(file, cause, e);
        }
    }

    /** The same error with the line found through the error's path, and the validation problem stated plainly. */
    private static InvalidInputException located(Path file, DatabindException cause, InvalidInputException original) {
        int line;
        try {
            line = new YamlLines(Files.readString(file)).lineOf(cause.getPath());
        } catch (IOException e) {
            return original;
        }
        String problem = cause.getCause() instanceof IllegalArgumentException invalid ? invalid.getMessage()
                : cause.getOriginalMessage();
        String where = line > 0 ? " at line " + line : "";
        return new InvalidInputException("Invalid fault file " + file + where + ": " + problem
                + ". Fix the file (schema: faults/README.md) and run again.", cause);
    }

    public static List<FaultFile> readAll(List<Path> files) {
        return files.stream().map(FaultFiles::read).toList();
    }
}
