package io.winnode.e2e.simulator.topology;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a simulated cluster's topology comes from: one of the built-in topologies shipped as
 * {@code simulator/topology-NAME.yaml} resources, or a YAML file of the user's
 * ({@code --sim-topology NAME|FILE}).
 *
 * @param builtInName the built-in topology's name, or null for a file
 * @param file        the topology file, or null for a built-in one
 */
public record TopologySource(String builtInName, Path file) {

    /**
     * The shipped topologies: {@code default} (the built-in mixed cluster), {@code ws2019-ws2022}
     * (one node of each build whose documented behaviour differs) and {@code capz} (like the SIG
     * Windows testgrid clusters: the tainted control plane is the only Linux node).
     */
    public static final List<String> BUILT_IN = List.of("default", "ws2019-ws2022", "capz");

    public static final TopologySource DEFAULT = builtIn("default");

    public static TopologySource builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            throw new InvalidInputException(unknown(name));
        }
        return new TopologySource(name, null);
    }

    public static TopologySource file(Path file) {
        if (!Files.isReadable(file)) {
            throw new InvalidInputException("Cannot read simulator topology " + file + ": no such readable file. Check "
                    + "--sim-topology, name a built-in topology (" + String.join(", ", BUILT_IN) + "), or leave it out "
                    + "for the default mixed cluster.");
        }
        return new TopologySource(null, file);
    }

    /**
     * {@code --sim-topology}'s value: a built-in name, else a file path. A value that looks like
     * neither an existing file nor a YAML path is taken for a mistyped name, and the error lists the
     * names.
     */
    public static TopologySource parse(String nameOrFile) {
        String value = nameOrFile.strip();
        if (BUILT_IN.contains(value)) {
            return builtIn(value);
        }
        Path path = Path.of(value);
        if (Files.exists(path) || value.endsWith(".yaml") || value.endsWith(".yml") || value.contains("/")) {
            return file(path);
        }
        throw new InvalidInputException(unknown(value));
    }

    /** The resource a built-in topology is read from. */
    static String resource(String name) {
        return "simulator/topology-" + name + ".yaml";
    }

    public Topology load() {
        return builtInName != null ? Topology.loadResource(resource(builtInName)) : Topology.load(file);
    }

    /** For start-up lines and messages: {@code built-in topology capz} or the file's path. */
    public String describe() {
        return builtInName != null ? "built-in topology " + builtInName : "topology file " + file;
    }

    private static String unknown(String name) {
        return "Unknown simulator topology '" + name + "'. Built-in topologies: " + String.join(", ", BUILT_IN)
                + " (see README, 'Simulated topologies'); or give the path of a topology YAML file.";
    }
}
