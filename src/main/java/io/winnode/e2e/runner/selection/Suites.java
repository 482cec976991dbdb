package io.winnode.e2e.runner.selection;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;
import io.winnode.e2e.runner.files.ProjectFolder;

import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The suites of {@code suites/}: the checkout's files and the copies packed into the jar
 * (see {@link ProjectFolder}).
 */
public final class Suites {

    static final String FOLDER = "suites";
    /** {@code suites/quarantine.yaml} lives with the suites but is not one (see {@code Quarantine}). */
    static final String QUARANTINE = "quarantine";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private Suites() {
    }

    public static Suite load(String name) {
        if (name == null || !NAME.matcher(name).matches() || !names().contains(name)) {
            throw new InvalidInputException("Unknown suite '" + name + "'. Valid suites: " + String.join(", ", names())
                    + ". A suite is a file suites/NAME.yaml (see suites/README.md).");
        }
        String file = FOLDER + "/" + name + ".yaml";
        Suite suite = YamlFiles.readProjectFile(file, Suite.class);
        if (!name.equals(suite.name())) {
            throw new InvalidInputException(ProjectFiles.describe(file) + " declares name '" + suite.name()
                    + "'; it must equal the file name, '" + name + "'. Fix the name field.");
        }
        return suite.validate(ProjectFiles.describe(file));
    }

    /** The names of every suite, sorted. */
    public static TreeSet<String> names() {
        var names = new TreeSet<String>();
        new ProjectFolder(FOLDER).fileNames(".yaml").stream()
                .map(f -> f.substring(0, f.length() - ".yaml".length()))
                .filter(n -> NAME.matcher(n).matches() && !QUARANTINE.equals(n))
                .forEach(names::add);
        return names;
    }
}
