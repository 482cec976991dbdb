package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code suites/quarantine.yaml} as written: {@code quarantine:} a list of entries. Read strictly (an
 * unknown key is an error) and then checked entry by entry, because a quarantine that silently
 * shields the wrong test, or never expires, defeats the gate.
 *
 * @param quarantine the entries as written; null when the file says {@code quarantine:} with nothing after it
 */
public record Quarantine(List<Entry> quarantine) {

    /** The shipped quarantine list, found like the suites (checkout first, then the jar). */
    static final String SHIPPED = Suites.FOLDER + "/" + Suites.QUARANTINE + ".yaml";

    /** One entry as written; every field is checked by {@link #check}, so none is required here. */
    record Entry(String test, String issue, String owner, String expires, String reason) {
    }

    /**
     * Reads and checks a quarantine file: {@code file}, or the shipped one when null. {@code knownTestIds}
     * (every scenario's {@code Class#method}) is asked only when there are entries, since finding them
     * means discovering the scenarios.
     */
    public static List<QuarantineEntry> load(Path file, Supplier<Set<String>> knownTestIds) {
        String origin = file == null ? ProjectFiles.describe(SHIPPED) : file.toString();
        Quarantine read = file == null ? YamlFiles.readProjectFile(SHIPPED, Quarantine.class) : YamlFiles.read(file, Quarantine.class);
        return read.check(origin, knownTestIds);
    }

    List<QuarantineEntry> check(String origin, Supplier<Set<String>> knownTestIds) {
        if (quarantine == null || quarantine.isEmpty()) {
            return List.of();
        }
        Set<String> known = knownTestIds.get();
        List<QuarantineEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < quarantine.size(); i++) {
            QuarantineEntry entry = checked(origin, i + 1, quarantine.get(i), known);
            Integer earlier = seen.putIfAbsent(entry.test(), i + 1);
            if (earlier != null) {
                throw new InvalidInputException(origin + ": test " + entry.test() + " is quarantined twice (entries "
                        + earlier + " and " + (i + 1) + "). Keep one entry.");
            }
            entries.add(entry);
        }
        return List.copyOf(entries);
    }

    private static QuarantineEntry checked(String origin, int number, Entry entry, Set<String> known) {
        if (entry == null || blank(entry.test())) {
            throw new InvalidInputException(origin + ": quarantine entry " + number + " has no test. Add "
                    + "test: Class#method, the id ./winnode list prints.");
        }
        String test = entry.test().strip();
        String where = origin + ": quarantine entry " + number + " (test " + test + ")";
        if (!known.contains(test)) {
            throw new InvalidInputException(where + " names no scenario test. Use an id as ./winnode list prints it "
                    + "(Class#method); if the test was renamed or deleted, update or remove the entry.");
        }
        if (blank(entry.owner())) {
            throw new InvalidInputException(where + " has no owner. Add owner: the person or team fixing the test.");
        }
        return new QuarantineEntry(test, issue(where, entry.issue()), entry.owner().strip(), expires(where, entry.expires()),
                blank(entry.reason()) ? null : entry.reason().strip());
    }

    private static URI issue(String where, String text) {
        String fix = " Write the http(s) address of the issue tracking the defect, e.g. issue: https://github.com/ORG/REPO/issues/123.";
        if (blank(text)) {
            throw new InvalidInputException(where + " has no issue." + fix);
        }
        try {
            URI uri = new URI(text.strip());
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other non-URL
        }
        throw new InvalidInputException(where + ": issue '" + text + "' is not a URL." + fix);
    }

    private static LocalDate expires(String where, String text) {
        String fix = " Write the date after which the entry stops shielding the test as YYYY-MM-DD, e.g. expires: 2026-03-31.";
        if (blank(text)) {
            throw new InvalidInputException(where + " has no expires date." + fix);
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(where + ": expires '" + text + "' is not a date." + fix, e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
