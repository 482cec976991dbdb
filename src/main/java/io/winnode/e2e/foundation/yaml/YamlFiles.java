package io.winnode.e2e.foundation.yaml;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the project's own YAML files (catalogs, suites, expectations, topologies) into records,
 * strictly: an unknown key is an error, so a typo is reported instead of silently ignored.
 */
public final class YamlFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private YamlFiles() {
    }

    /** Reads a project file found by {@link ProjectFiles}. */
    public static <T> T readProjectFile(String relativePath, Class<T> type) {
        try (InputStream in = ProjectFiles.open(relativePath)) {
            return read(in, ProjectFiles.describe(relativePath), type);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + ProjectFiles.describe(relativePath) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file the user named. */
    public static <T> T read(Path file, Class<T> type) {
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("Cannot read " + file + ": no such readable file. Check the path.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), type);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static <T> T read(InputStream in, String origin, Class<T> type) {
        try {
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new InvalidInputException(origin + " is empty; it should hold a " + type.getSimpleName() + ".");
            }
            return value;
        } catch (JacksonException e) {
            TokenStreamLocation where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new InvalidInputException("Malformed YAML in " + origin + at + ": " + e.getOriginalMessage()
                    + ". Fix the file and run again.", e);
        }
    }

    /** JSON text for reports written by the runner. */
    public static String toJson(Object value) {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
