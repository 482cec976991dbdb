package io.winnode.e2e.runner.results;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code metadata.json} in the artifacts directory: what a run ran, on what, with what: the run's
 * facts under their {@link RunFact#key()}, then how it was executed (the constants here). A flat map
 * of strings, because that is what testgrid and Spyglass read from {@code $ARTIFACTS/metadata.json}
 * (its keys become column headers). {@code ./winnode signoff} reads it back to judge the run.
 */
public final class RunMetadata {

    public static final String FILE = "metadata.json";

    public static final String PROJECT_VERSION = "winnode.version";
    public static final String PARALLEL = "parallel";
    public static final String RETRIES = "retries";
    public static final String JAVA_VERSION = "java.version";
    public static final String STARTED = "started";
    public static final String FINISHED = "finished";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> values;

    public RunMetadata(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, String> values() {
        return values;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public Optional<String> get(RunFact fact) {
        return get(fact.key());
    }

    public void writeTo(Path artifacts) throws IOException {
        Files.createDirectories(artifacts);
        Files.writeString(artifacts.resolve(FILE), YamlFiles.toJson(values) + "\n");
    }

    /** Reads {@code DIR/metadata.json}; an absent or malformed file is the user's input, so exit 2. */
    public static RunMetadata readFrom(Path artifacts) {
        Path file = artifacts.resolve(FILE);
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("No run metadata at " + file + ". Point --artifacts at the directory a "
                    + "./winnode run wrote (it holds junit_*.xml and " + FILE + ").");
        }
        try {
            return new RunMetadata(JSON.readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, String>>() { }));
        } catch (IOException | JacksonException e) {
            throw new InvalidInputException("Cannot read " + file + ": " + e.getMessage()
                    + ". It should be the flat JSON object of strings a ./winnode run writes; run the suite again.", e);
        }
    }

    /** The project's version, from the jar's manifest ({@code dev} when run from classes). */
    public static String projectVersion() {
        String v = RunMetadata.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
