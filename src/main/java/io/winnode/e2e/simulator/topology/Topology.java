package io.winnode.e2e.simulator.topology;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The validated node list of a simulated cluster, read strictly from YAML (unknown keys are errors). */
public final class Topology {

    public static final String DEFAULT_RESOURCE = "simulator/topology-default.yaml";
    private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Set<String> RESOURCES = Set.of("cpu", "memory", "pods", "ephemeral-storage");

    /** kubeadm's default {@code networking.dnsDomain}, which the kubelets get as {@code clusterDomain}. */
    public static final String DEFAULT_CLUSTER_DOMAIN = "cluster.local";

    private final List<TopologyNode> nodes;
    private final String clusterDomain;

    private Topology(List<TopologyNode> nodes, String clusterDomain) {
        this.nodes = List.copyOf(nodes);
        this.clusterDomain = clusterDomain;
    }

    /** Reads {@code file}, or the built-in default topology when {@code file} is null. */
    public static Topology load(Path file) {
        if (file == null) {
            return loadResource(DEFAULT_RESOURCE);
        }
        return of(YamlFiles.read(file, TopologyFile.class), file.toString());
    }

    /** Reads a topology shipped on the classpath (see {@link TopologySource}). */
    static Topology loadResource(String resource) {
        String origin = "classpath:" + resource;
        try (InputStream in = Topology.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(origin + " is missing from the build");
            }
            return of(YamlFiles.read(in, origin, TopologyFile.class), origin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Topology of(TopologyFile parsed, String origin) {
        return new Topology(validate(parsed, origin), clusterDomain(parsed, origin));
    }

    public List<TopologyNode> nodes() {
        return nodes;
    }

    /** The DNS domain of the cluster's Services and pods (every kubelet's {@code clusterDomain}). */
    public String clusterDomain() {
        return clusterDomain;
    }

    private static String clusterDomain(TopologyFile file, String origin) {
        if (file.clusterDomain() == null) {
            return DEFAULT_CLUSTER_DOMAIN;
        }
        require(file.clusterDomain().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"), origin
                + ": 'clusterDomain' must be a DNS name such as cluster.local or corp.example, not '" + file.clusterDomain() + "'.");
        return file.clusterDomain();
    }

    private static List<TopologyNode> validate(TopologyFile file, String origin) {
        if (file.nodes() == null || file.nodes().isEmpty()) {
            throw new InvalidInputException(origin + " lists no nodes; add a 'nodes:' list.");
        }
        Set<String> names = new HashSet<>();
        Set<String> ips = new HashSet<>();
        for (TopologyNode n : file.nodes()) {
            String where = origin + ", node '" + n.name() + "'";
            require(n.name() != null && n.name().matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), where
                    + ": 'name' must be a DNS subdomain (lower case letters, digits, '-', '.').");
            require(names.add(n.name()), where + ": duplicate node name.");
            OsFamily os = OsFamily.fromLabel(n.os());
            require(os != null, where + ": 'os' must be linux or windows, not '" + n.os() + "'.");
            require(n.arch() != null && Set.of("amd64", "arm64").contains(n.arch()), where
                    + ": 'arch' must be amd64 or arm64.");
            if (os == OsFamily.WINDOWS) {
                require(n.windowsBuild() != null && n.windowsBuild().matches("10\\.0\\.\\d+"), where
                        + ": Windows nodes need 'windowsBuild' as Major.Minor.Build, e.g. 10.0.20348.");
            } else {
                require(n.windowsBuild() == null, where + ": 'windowsBuild' is only for Windows nodes.");
            }
            for (String field : List.of("osImage", "kernelVersion", "containerRuntimeVersion", "internalIP")) {
                require(value(n, field) != null && !value(n, field).isBlank(), where + ": '" + field + "' is required.");
            }
            require(n.internalIP().matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), where + ": 'internalIP' must be an IPv4 address.");
            require(ips.add(n.internalIP()), where + ": internalIP " + n.internalIP() + " is used twice.");
            require(n.capacity() != null && n.capacity().keySet().containsAll(Set.of("cpu", "memory", "pods")),
                    where + ": 'capacity' needs cpu, memory and pods.");
            require(RESOURCES.containsAll(n.capacity().keySet()), where + ": 'capacity' keys must be among " + RESOURCES + ".");
            if (n.allocatable() != null) {
                require(RESOURCES.containsAll(n.allocatable().keySet()), where + ": 'allocatable' keys must be among " + RESOURCES + ".");
            }
            if (n.taints() != null) {
                for (TopologyTaint t : n.taints()) {
                    require(t.key() != null && EFFECTS.contains(t.effect()), where + ": each taint needs a key and an effect among "
                            + EFFECTS + ".");
                }
            }
        }
        return file.nodes();
    }

    private static String value(TopologyNode n, String field) {
        return switch (field) {
            case "osImage" -> n.osImage();
            case "kernelVersion" -> n.kernelVersion();
            case "containerRuntimeVersion" -> n.containerRuntimeVersion();
            default -> n.internalIP();
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidInputException(message);
        }
    }
}
