package io.winnode.e2e.simulator.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The programs that run the four control-plane components, and the Kubernetes release they are.
 *
 * <p>Two sources, in this order:
 * <ol>
 *   <li>{@code WINNODE_CONTROL_PLANE_BINARIES}: a directory with the official release binaries {@code etcd},
 *       {@code kube-apiserver}, {@code kube-scheduler} and {@code kube-controller-manager} (as kwokctl's "binary"
 *       runtime runs them, reference real-control-plane.md §1.3). Their release is asked from
 *       {@code kube-apiserver --version}.</li>
 *   <li>Otherwise our Go module {@code controlplane/} under the working directory, built once per content into a cache
 *       outside the repository ({@link ControlPlaneBuild}); one binary, the component as its first argument.</li>
 * </ol>
 * Either way the components take the same flags: the module's {@code etcd} subcommand takes the official etcd flag
 * names (controlplane/etcd.go).
 */
public final class ControlPlaneBinaries {

    public static final String BINARIES_DIR_ENV = "WINNODE_CONTROL_PLANE_BINARIES";

    /** The four components, in start order. */
    public enum Component {
        ETCD("etcd"), KUBE_APISERVER("kube-apiserver"), KUBE_SCHEDULER("kube-scheduler"),
        KUBE_CONTROLLER_MANAGER("kube-controller-manager");

        private final String programName;

        Component(String programName) {
            this.programName = programName;
        }

        /** The official binary's file name, also our module's subcommand and the log file's base name. */
        public String programName() {
            return programName;
        }
    }

    private final Path officialDirectory; // null when the module binary is used
    private final Path moduleBinary;      // null when official binaries are used
    private final String gitVersion;

    private ControlPlaneBinaries(Path officialDirectory, Path moduleBinary, String gitVersion) {
        this.officialDirectory = officialDirectory;
        this.moduleBinary = moduleBinary;
        this.gitVersion = gitVersion;
    }

    /** As {@link #resolve(Path, Consumer)}, with build progress printed to stderr. */
    public static ControlPlaneBinaries resolve(Path repositoryRoot) {
        return resolve(repositoryRoot, System.err::println);
    }

    /**
     * Resolves the binaries, building the module first if its cached build is missing.
     *
     * @param repositoryRoot the directory holding {@code controlplane/go.mod} (the suite runs from the repository root)
     * @param progress where a first build reports what it does and that it is still running
     */
    public static ControlPlaneBinaries resolve(Path repositoryRoot, Consumer<String> progress) {
        return resolve(System.getenv(), repositoryRoot, progress);
    }

    static ControlPlaneBinaries resolve(Map<String, String> env, Path repositoryRoot, Consumer<String> progress) {
        String dir = env.get(BINARIES_DIR_ENV);
        if (dir != null && !dir.isBlank()) {
            return official(Path.of(dir));
        }
        ControlPlaneBuild build = ControlPlaneBuild.of(repositoryRoot.resolve("controlplane"), env);
        Path binary = build.ensureBuilt(progress);
        return new ControlPlaneBinaries(null, binary, build.release());
    }

    private static ControlPlaneBinaries official(Path directory) {
        List<String> missing = new ArrayList<>();
        for (Component c : Component.values()) {
            Path p = directory.resolve(c.programName());
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                missing.add(p.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(BINARIES_DIR_ENV + "=" + directory + " must hold the official executables "
                    + "etcd, kube-apiserver, kube-scheduler and kube-controller-manager; missing or not executable: "
                    + String.join(", ", missing));
        }
        // "kube-apiserver --version" prints "Kubernetes v1.37.2" (component-base/version/verflag).
        String out = ProcessOutput.run(List.of(directory.resolve("kube-apiserver").toString(), "--version"), null, Map.of())
                .requireSuccess("kube-apiserver --version").trim();
        String version = out.startsWith("Kubernetes ") ? out.substring("Kubernetes ".length()).trim() : out;
        return new ControlPlaneBinaries(directory, null, version);
    }

    /** The command line that starts {@code component}, to which its flags are appended. */
    public List<String> command(Component component) {
        if (officialDirectory != null) {
            return List.of(officialDirectory.resolve(component.programName()).toString());
        }
        return List.of(moduleBinary.toString(), component.programName());
    }

    /** True when the components are the official binaries, which cannot watch their stdin (see ControlPlane). */
    public boolean official() {
        return officialDirectory != null;
    }

    /** The Kubernetes release, as {@code GET /version} reports it: e.g. {@code v1.37.2}. */
    public String gitVersion() {
        return gitVersion;
    }

    @Override
    public String toString() {
        return official() ? "official binaries in " + officialDirectory + " (" + gitVersion + ")"
                : "controlplane module build " + moduleBinary + " (" + gitVersion + ")";
    }
}
