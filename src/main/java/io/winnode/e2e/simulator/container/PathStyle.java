package io.winnode.e2e.simulator.container;

import io.winnode.e2e.foundation.os.OsFamily;

import java.util.Locale;

/**
 * How an OS spells and compares paths. Windows paths are case-insensitive, accept {@code /} and
 * {@code \} alike and default to drive {@code C:} ({@code C:\dir} == {@code C:/dir} == {@code /dir});
 * Linux paths are case-sensitive. Both are normalised to a key {@code /a/b} used for lookups.
 */
public enum PathStyle {
    LINUX,
    WINDOWS;

    public static PathStyle of(OsFamily os) {
        return os == OsFamily.WINDOWS ? WINDOWS : LINUX;
    }

    /** The lookup key: {@code /seg/seg}, without drive, lower case on Windows; {@code /} for the root. */
    public String key(String path) {
        String p = path.strip();
        if (this == WINDOWS) {
            p = p.replace('\\', '/');
            if (p.length() >= 2 && p.charAt(1) == ':') {
                p = p.substring(2);
            }
            p = p.toLowerCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                int cut = out.lastIndexOf("/");
                out.setLength(Math.max(cut, 0));
                continue;
            }
            out.append('/').append(seg);
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    /** The last path segment as the user spelled it (for directory listings). */
    public String fileName(String path) {
        String p = this == WINDOWS ? path.replace('\\', '/') : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** Whether {@code key} equals {@code prefix} or lies below it. */
    public static boolean isUnder(String key, String prefix) {
        return prefix.equals("/") || key.equals(prefix) || key.startsWith(prefix + "/");
    }

    /** {@code key} relative to {@code prefix}, as {@code /x/y} ({@code /} when equal). */
    public static String relative(String key, String prefix) {
        if (prefix.equals("/")) {
            return key;
        }
        String rest = key.substring(prefix.length());
        return rest.isEmpty() ? "/" : rest;
    }
}
