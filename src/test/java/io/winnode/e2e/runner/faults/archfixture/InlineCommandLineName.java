package io.winnode.e2e.runner.faults.archfixture;

/**
 * Fixture of {@code RunnerRoomsTest}: a class of the faults room that calls the command line by a
 * fully qualified name written inline, with no import line (how {@code ChildJvm} once named
 * {@code Winnode}). Never run; only its bytecode is read.
 */
public final class InlineCommandLineName {

    private InlineCommandLineName() {
    }

    public static int runTheCommandLine(String... args) {
        return io.winnode.e2e.runner.Winnode.execute(args);
    }
}
