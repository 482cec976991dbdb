package io.winnode.e2e.simulator.controlplane;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the {@code controlplane/} Go module once per content into a cache outside the repository, so fresh clones and
 * parallel JVMs reuse one binary:
 * {@code ${WINNODE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/winnode}/controlplane/<release>-<hash>/controlplane}, where
 * hash is the first 12 hex digits of SHA-256 over go.mod, go.sum and the *.go files (their names and contents).
 *
 * <p>The binary carries the version stamps upstream's release build sets through the linker
 * (kubernetes/kubernetes hack/lib/version.sh kube::version::ldflags): without them {@code GET /version} says
 * {@code v0.0.0-master+$Format:%H$} and clients that compare versions misbehave. The release comes from go.mod's
 * {@code k8s.io/kubernetes vX.Y.Z} requirement, so bumping go.mod is the only change a new release needs.
 *
 * <p>Concurrent builds are serialized with an OS file lock on {@code <cache>/controlplane/.lock} (the fault proof
 * starts five JVMs at once); the loser of the race finds the binary present once it gets the lock. The binary is
 * linked to a temporary name in its final directory and renamed atomically, so nobody sees half a file.
 */
public final class ControlPlaneBuild {

    /** Cold build of the module measured on 2 cores, for the first-run notice (8m12s with the modules already downloaded). */
    static final String COLD_BUILD_ESTIMATE = "about 8 minutes on 2 cores";
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(15);
    private static final Pattern KUBERNETES_REQUIRE =
            Pattern.compile("^\\s*(?:require\\s+)?k8s\\.io/kubernetes\\s+(v(\\d+)\\.(\\d+)\\.\\d+\\S*)\\s*(?://.*)?$");
    /** Serializes builds among threads of this JVM: an OS file lock is per process (FileChannel#lock). */
    private static final Object JVM_LOCK = new Object();

    private final Path moduleDirectory;
    private final String release;
    private final String major;
    private final String minor;
    private final Path binary;
    private final Path goExecutable; // null when Go is not installed

    private ControlPlaneBuild(Path moduleDirectory, String release, String major, String minor, Path binary, Path go) {
        this.moduleDirectory = moduleDirectory;
        this.release = release;
        this.major = major;
        this.minor = minor;
        this.binary = binary;
        this.goExecutable = go;
    }

    /** Reads the module's go.mod and content hash; builds nothing yet. */
    public static ControlPlaneBuild of(Path moduleDirectory, Map<String, String> env) {
        Path goMod = moduleDirectory.resolve("go.mod");
        if (!Files.isRegularFile(goMod)) {
            throw new IllegalStateException("No " + goMod.toAbsolutePath() + ": run the suite from the repository root, or set "
                    + ControlPlaneBinaries.BINARIES_DIR_ENV + " to a directory of official Kubernetes v1.37.x binaries"
                    + " (etcd, kube-apiserver, kube-scheduler, kube-controller-manager)");
        }
        try {
            Matcher m = null;
            for (String line : Files.readAllLines(goMod, StandardCharsets.UTF_8)) {
                if (line.contains("=>")) {
                    continue; // a replace directive, not the requirement
                }
                Matcher candidate = KUBERNETES_REQUIRE.matcher(line);
                if (candidate.matches()) {
                    m = candidate;
                    break;
                }
            }
            if (m == null) {
                throw new IllegalStateException(goMod + " requires no k8s.io/kubernetes vX.Y.Z: cannot tell the release to stamp");
            }
            String release = m.group(1);
            Path dir = cacheRoot(env).resolve("controlplane").resolve(release + "-" + contentHash(moduleDirectory));
            return new ControlPlaneBuild(moduleDirectory.toAbsolutePath(), release, m.group(2), m.group(3),
                    dir.resolve("controlplane"), findGo(env));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the Go module in " + moduleDirectory, e);
        }
    }

    /** {@code ${WINNODE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/winnode}}. */
    static Path cacheRoot(Map<String, String> env) {
        String explicit = env.get("WINNODE_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("winnode");
    }

    /** SHA-256 over go.mod, go.sum and the module's top-level *.go files, each as its name, a NUL, its bytes and a NUL. */
    static String contentHash(Path moduleDirectory) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(moduleDirectory.resolve("go.mod"));
        Path sum = moduleDirectory.resolve("go.sum");
        if (Files.isRegularFile(sum)) {
            files.add(sum);
        }
        try (Stream<Path> list = Files.list(moduleDirectory)) {
            list.filter(p -> p.getFileName().toString().endsWith(".go") && Files.isRegularFile(p)).sorted().forEach(files::add);
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path findGo(Map<String, String> env) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path go = Path.of(dir, "go");
                if (Files.isExecutable(go)) {
                    return go;
                }
            }
        }
        return null;
    }

    /** The release the binary is stamped with, from go.mod: e.g. {@code v1.37.2}. */
    public String release() {
        return release;
    }

    /** Where the built binary is (or will be). */
    public Path binary() {
        return binary;
    }

    /** The go build command line, with upstream's version stamps. */
    List<String> buildCommand(Path output) {
        String ldflags = String.join(" ",
                "-s", "-w",
                "-X", "k8s.io/component-base/version.gitVersion=" + release,
                "-X", "k8s.io/component-base/version.gitMajor=" + major,
                "-X", "k8s.io/component-base/version.gitMinor=" + minor,
                "-X", "k8s.io/component-base/version.gitTreeState=clean",
                "-X", "k8s.io/client-go/pkg/version.gitVersion=" + release);
        // -buildvcs=false: the binary depends on the module's sources only, not on the state of the checkout
        // around it (a fresh clone, a dirty tree or a git that distrusts the directory would otherwise differ or fail).
        return List.of(goExecutable == null ? "go" : goExecutable.toString(), "build", "-trimpath", "-buildvcs=false",
                "-ldflags", ldflags, "-o", output.toString(), ".");
    }

    /** Returns the binary, building it first unless a previous run (of any process) did. */
    public Path ensureBuilt(Consumer<String> progress) {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(binary.getParent());
            synchronized (JVM_LOCK) {
                try (FileChannel lockFile = FileChannel.open(binary.getParent().getParent().resolve(".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile.lock()) {
                    if (!Files.isExecutable(binary)) { // another process may have built it while we waited
                        build(progress);
                    }
                }
            }
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not build the control plane into " + binary.getParent(), e);
        }
    }

    private void build(Consumer<String> progress) throws IOException {
        if (goExecutable == null) {
            throw new IllegalStateException("The Kubernetes control plane " + release + " must be built from "
                    + moduleDirectory + " but there is no 'go' on PATH. Install Go 1.26 or newer (https://go.dev/dl/), "
                    + "or set " + ControlPlaneBinaries.BINARIES_DIR_ENV + " to a directory holding the official "
                    + "v" + major + "." + minor + ".x binaries etcd, kube-apiserver, kube-scheduler and kube-controller-manager.");
        }
        Path dir = binary.getParent();
        Path temp = dir.resolve("controlplane.tmp-" + ProcessHandle.current().pid());
        Path log = dir.resolve("build.log");
        progress.accept("Building the Kubernetes " + release + " control plane (etcd, kube-apiserver, kube-scheduler, "
                + "kube-controller-manager) from " + moduleDirectory + " into " + dir + ": no build of this go.mod/go.sum/*.go "
                + "content is cached yet. First run only; " + COLD_BUILD_ESTIMATE + ", seconds when only *.go changed.");
        long start = System.nanoTime();
        Process go = new ProcessBuilder(buildCommand(temp)).directory(moduleDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        try {
            while (!go.waitFor(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                progress.accept("still building the " + release + " control plane ... " + elapsed(start)
                        + " (go build output: " + log + ")");
            }
        } catch (InterruptedException e) {
            go.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the control plane", e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (go.exitValue() != 0) {
            Files.deleteIfExists(temp);
            progress.accept("go build of the control plane failed (exit " + go.exitValue() + "):\n" + output);
            throw new IllegalStateException("go build of the control plane in " + moduleDirectory + " failed with exit code "
                    + go.exitValue() + ":\n" + output);
        }
        Files.move(temp, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        progress.accept("Built the " + release + " control plane in " + elapsed(start) + ": " + binary);
    }

    private static String elapsed(long startNanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
