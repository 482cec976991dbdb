package io.winnode.e2e.simulator.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of one volume (an emptyDir, a configMap, a node's host filesystem, a container's
 * writable layer), keyed by normalised relative path ({@link PathStyle#key}). Directories exist
 * implicitly when a file lies below them, or explicitly when created. Thread-safe: containers of a
 * pod share an emptyDir.
 */
public final class FileTree {

    /** One file: the name as written (listings show it) and its bytes as text. */
    public record FileEntry(String displayName, String content) {
    }

    private final Map<String, FileEntry> files = new TreeMap<>();
    private final TreeSet<String> directories = new TreeSet<>();

    public synchronized void write(String key, String displayName, String content, boolean append) {
        FileEntry old = files.get(key);
        String text = append && old != null ? old.content() + content : content;
        files.put(key, new FileEntry(old != null ? old.displayName() : displayName, text));
    }

    public synchronized void mkdirs(String key) {
        directories.add(key);
    }

    public synchronized Optional<String> read(String key) {
        FileEntry entry = files.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.content());
    }

    public synchronized boolean isDirectory(String key) {
        if (key.equals("/") || directories.contains(key)) {
            return true;
        }
        String prefix = key + "/";
        return files.keySet().stream().anyMatch(k -> k.startsWith(prefix))
                || directories.stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** Immediate children of directory {@code key}, by display name, sorted. */
    public synchronized List<String> list(String key) {
        String prefix = key.equals("/") ? "/" : key + "/";
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        files.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                String rest = k.substring(prefix.length());
                names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : v.displayName());
            }
        });
        for (String d : directories) {
            if (d.startsWith(prefix) && d.length() > prefix.length()) {
                String rest = d.substring(prefix.length());
                names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
            }
        }
        return new ArrayList<>(names);
    }
}
