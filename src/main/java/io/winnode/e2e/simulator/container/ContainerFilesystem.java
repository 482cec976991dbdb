package io.winnode.e2e.simulator.container;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One container's view of files: its mounts (longest mount path wins) over its own writable layer.
 * Answers in outcomes, not messages; the shells turn them into each OS's wording.
 */
public final class ContainerFilesystem {

    public enum WriteOutcome { WRITTEN, READ_ONLY, NO_DIRECTORY, IS_DIRECTORY }

    private final PathStyle style;
    private final List<Mount> mounts;
    private final FileTree layer;

    public ContainerFilesystem(PathStyle style, List<Mount> mounts, FileTree layer) {
        this.style = style;
        this.mounts = mounts.stream().sorted(Comparator.comparingInt((Mount m) -> m.mountKey().length()).reversed()).toList();
        this.layer = layer;
    }

    public PathStyle style() {
        return style;
    }

    private record Target(FileTree tree, String key, boolean readOnly) {
    }

    private Target resolve(String path) {
        String key = style.key(path);
        for (Mount m : mounts) {
            if (PathStyle.isUnder(key, m.mountKey())) {
                String rel = PathStyle.relative(key, m.mountKey());
                String inTree = m.treePrefix().equals("/") ? rel : (rel.equals("/") ? m.treePrefix() : m.treePrefix() + rel);
                return new Target(m.tree(), inTree, m.readOnly());
            }
        }
        return new Target(layer, key, false);
    }

    public Optional<String> read(String path) {
        Target t = resolve(path);
        return t.tree().read(t.key());
    }

    public boolean isDirectory(String path) {
        String key = style.key(path);
        if (mounts.stream().anyMatch(m -> PathStyle.isUnder(m.mountKey(), key))) {
            return true;
        }
        Target t = resolve(path);
        return t.tree().isDirectory(t.key());
    }

    public WriteOutcome write(String path, String content, boolean append) {
        Target t = resolve(path);
        if (t.readOnly()) {
            return WriteOutcome.READ_ONLY;
        }
        if (isDirectory(path)) {
            return WriteOutcome.IS_DIRECTORY;
        }
        t.tree().write(t.key(), style.fileName(path), content, append);
        return WriteOutcome.WRITTEN;
    }

    /** Children of a directory; empty when {@code path} is not a directory. */
    public Optional<List<String>> list(String path) {
        if (!isDirectory(path)) {
            return Optional.empty();
        }
        String key = style.key(path);
        Target t = resolve(path);
        java.util.TreeSet<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(t.tree().list(t.key()));
        for (Mount m : mounts) {
            if (!m.mountKey().equals(key) && PathStyle.isUnder(m.mountKey(), key)) {
                String rest = PathStyle.relative(m.mountKey(), key).substring(1);
                names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
            }
        }
        return Optional.of(List.copyOf(names));
    }
}
