package io.winnode.e2e.runner.cluster;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.files.ProjectFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog of fault files, {@code faults/catalog/*.yaml}, whose names start with the fault's id
 * ({@code D-22-service-rules-missing-on-windows.yaml}). Resolves what {@code --faults} names: a file,
 * or a catalog id.
 */
public final class FaultCatalog {

    public static final String FOLDER = "faults/catalog";
    /** A defect id such as {@code D-22} (windows-parity.md §2) at the start of a catalog file name. */
    private static final Pattern ID_PREFIX = Pattern.compile("^([A-Za-z]+-\\d+[a-z]?)(?=[-.])");
    private static final Pattern ID = Pattern.compile("[A-Za-z]+-\\d+[a-z]?");
    /** D-2 before D-10: by letters, then number, then the rest. */
    static final Comparator<String> BY_ID = Comparator.comparing((String id) -> id.replaceAll("-.*", ""))
            .thenComparingInt(id -> Integer.parseInt(id.replaceAll("^[A-Za-z]+-(\\d+).*", "$1")))
            .thenComparing(Comparator.naturalOrder());

    private final ProjectFolder folder;

    private FaultCatalog(ProjectFolder folder) {
        this.folder = folder;
    }

    public static FaultCatalog standard() {
        return new FaultCatalog(new ProjectFolder(FOLDER));
    }

    /** Every catalog fault, sorted by id, read from its file. */
    public List<ActiveFault> all() {
        List<ActiveFault> faults = new ArrayList<>();
        for (String fileName : folder.fileNames(".yaml")) {
            if (ID_PREFIX.matcher(fileName).find()) {
                Path file = folder.file(fileName);
                faults.add(new ActiveFault(FaultFileSummary.read(file), file));
            }
        }
        faults.sort(Comparator.comparing(ActiveFault::id, BY_ID));
        return faults;
    }

    /** The catalog ids, sorted; taken from the file names, so listing them never fails on a bad file. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String fileName : folder.fileNames(".yaml")) {
            Matcher m = ID_PREFIX.matcher(fileName);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        ids.sort(BY_ID);
        return ids;
    }

    /**
     * What one {@code --faults} value names: an existing file, else a catalog id. Anything else is
     * bad input whose message lists the catalog's ids.
     */
    public ActiveFault resolve(String fileOrId) {
        if (fileOrId == null || fileOrId.isBlank()) {
            throw unknown("''", "an empty --faults value");
        }
        String value = fileOrId.strip();
        Path asFile = Path.of(value);
        if (Files.isRegularFile(asFile)) {
            if (!Files.isReadable(asFile)) {
                throw unknown(value, "an unreadable file");
            }
            return new ActiveFault(FaultFileSummary.read(asFile), asFile.toAbsolutePath().normalize());
        }
        if (!ID.matcher(value).matches()) {
            throw unknown(value, "neither a readable file nor a fault id");
        }
        List<String> matches = folder.fileNames(".yaml").stream()
                .filter(f -> ID_PREFIX.matcher(f).results().anyMatch(m -> m.group(1).equalsIgnoreCase(value)))
                .toList();
        if (matches.isEmpty()) {
            throw unknown(value, "not in the catalog");
        }
        if (matches.size() > 1) {
            throw new InvalidInputException("Fault id " + value + " names several catalog files: " + String.join(", ", matches)
                    + ". Each id has one file in " + FOLDER + "; rename or remove the extra ones, or pass the file itself.");
        }
        Path file = folder.file(matches.get(0));
        return new ActiveFault(FaultFileSummary.read(file), file);
    }

    private InvalidInputException unknown(String value, String what) {
        List<String> ids = ids();
        return new InvalidInputException("--faults " + value + " is " + what + ". Pass a fault file or one of the catalog ids "
                + "(" + ProjectFiles.home().resolve(FOLDER) + "): "
                + (ids.isEmpty() ? "(the catalog is empty)" : String.join(", ", ids)) + ". ./winnode faults list shows them.");
    }
}
