package io.winnode.e2e.foundation.images;

import io.winnode.e2e.foundation.os.OsFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One OS variant of an image as the image contract describes it: its PATH in order, the
 * executables in each directory, ENTRYPOINT/CMD, default user and PowerShell (Windows), each with
 * the upstream source that says so. {@link #locate} finds a program the way the runtime does.
 */
public record ImageVariant(String os, String base, List<String> path, String pathSource, List<String> entrypoint,
                           List<String> cmd, String entrypointSource, String user, String userSource,
                           List<ExecutableGroup> executables, PowerShellFacts powershell) {

    /** Where a program was found: its full path and the family it belongs to. */
    public record Located(String path, String provider) {
    }

    public OsFamily osFamily() {
        return OsFamily.fromLabel(os);
    }

    public List<String> entrypointOrEmpty() {
        return entrypoint == null ? List.of() : entrypoint;
    }

    public List<String> cmdOrEmpty() {
        return cmd == null ? List.of() : cmd;
    }

    public List<ExecutableGroup> executablesOrEmpty() {
        return executables == null ? List.of() : executables;
    }

    /**
     * Finds {@code program} as the runtime would start it. A path is taken as is ({@code /agnhost};
     * on Windows also {@code C:\x\y.exe} or {@code /x}, meaning {@code C:\x}); a bare name is
     * searched in the PATH directories in order, the first hit wins. Windows compares without case
     * and appends {@code .exe} (PATHEXT) when the name has none; Linux names are exact.
     */
    public Optional<Located> locate(String program) {
        if (program == null || program.isBlank()) {
            return Optional.empty();
        }
        boolean windows = osFamily() == OsFamily.WINDOWS;
        String p = windows ? windowsForm(program) : program;
        int slash = p.lastIndexOf(windows ? '\\' : '/');
        if (slash >= 0) {
            String directory = p.substring(0, slash);
            return find(directory.isEmpty() ? (windows ? "C:" : "") : directory, p.substring(slash + 1));
        }
        for (String directory : path == null ? List.<String>of() : path) {
            Optional<Located> hit = find(windows ? windowsForm(directory) : directory, p);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** Every executable name of the image, as {@code directory/name} paths, for messages. */
    public List<String> allPaths() {
        List<String> all = new ArrayList<>();
        for (ExecutableGroup g : executablesOrEmpty()) {
            for (String n : g.names()) {
                all.add(join(g.directory(), n));
            }
        }
        return all;
    }

    private Optional<Located> find(String directory, String name) {
        boolean windows = osFamily() == OsFamily.WINDOWS;
        String wanted = windows ? stripExe(name.toLowerCase(Locale.ROOT)) : name;
        String dir = windows ? stripTrailing(windowsForm(directory)).toLowerCase(Locale.ROOT) : stripTrailing(directory);
        for (ExecutableGroup g : executablesOrEmpty()) {
            String groupDir = windows ? stripTrailing(windowsForm(g.directory())).toLowerCase(Locale.ROOT)
                    : stripTrailing(g.directory());
            if (!groupDir.equals(dir)) {
                continue;
            }
            for (String n : g.names()) {
                if (windows ? n.equalsIgnoreCase(wanted) : n.equals(wanted)) {
                    return Optional.of(new Located(join(g.directory(), n) + (windows ? ".exe" : ""), g.provider()));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code /agnhost} → {@code C:\agnhost}; forward slashes become backslashes. */
    private static String windowsForm(String path) {
        String p = path.replace('/', '\\');
        if (p.startsWith("\\")) {
            p = "C:" + p;
        }
        return p;
    }

    private static String stripExe(String name) {
        return name.endsWith(".exe") ? name.substring(0, name.length() - 4) : name;
    }

    private static String stripTrailing(String directory) {
        String d = directory;
        while (d.length() > 1 && (d.endsWith("\\") || d.endsWith("/"))) {
            d = d.substring(0, d.length() - 1);
        }
        return d.equals("/") ? "" : d;
    }

    private static String join(String directory, String name) {
        String d = stripTrailing(directory);
        if (d.isEmpty()) {
            return "/" + name;
        }
        return d + (d.contains("\\") || d.endsWith(":") ? "\\" : "/") + name;
    }
}
