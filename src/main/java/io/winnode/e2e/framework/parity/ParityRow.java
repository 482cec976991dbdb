package io.winnode.e2e.framework.parity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.placement.Side;

import java.util.List;
import java.util.Optional;

/**
 * One behaviour of {@code parity/expectations.yaml}: what Linux and Windows are expected to show,
 * and where that expectation comes from.
 *
 * @param outcome for {@code same}: the outcome both sides must show
 * @param linux   for {@code different}/{@code unsupported}: the Linux outcome
 * @param windows for {@code different}/{@code unsupported}/{@code windows-only}: the Windows outcome
 * @param source  the parity-table row and documents this expectation rests on
 * @param byBuild documented exceptions for some Windows builds (e.g. a feature that needs Windows
 *                Server 2022), each with its own source; empty for most rows
 */
public record ParityRow(String id, String behaviour, Expectation expectation, String outcome, String linux,
                        String windows, String source, List<BuildExpectation> byBuild) {

    @JsonCreator
    public ParityRow(@JsonProperty("id") String id, @JsonProperty("behaviour") String behaviour,
                     @JsonProperty("expectation") Expectation expectation, @JsonProperty("outcome") String outcome,
                     @JsonProperty("linux") String linux, @JsonProperty("windows") String windows,
                     @JsonProperty("source") String source, @JsonProperty("byBuild") List<BuildExpectation> byBuild) {
        this.id = id;
        this.behaviour = behaviour;
        this.expectation = expectation;
        this.outcome = outcome;
        this.linux = linux;
        this.windows = windows;
        this.source = source;
        this.byBuild = byBuild == null ? List.of() : List.copyOf(byBuild);
    }

    /** A row without build-specific exceptions. */
    public ParityRow(String id, String behaviour, Expectation expectation, String outcome, String linux,
                     String windows, String source) {
        this(id, behaviour, expectation, outcome, linux, windows, source, List.of());
    }

    /**
     * The outcome expected on a side: a Windows side whose build has a declared exception gets that
     * exception's outcome, every other side the row's outcome for its OS.
     */
    public Optional<String> expectedOn(Side side) {
        return exceptionFor(side).map(BuildExpectation::windows).or(() -> expectedOn(side.os()));
    }

    /** The expectation that applies on a side: the row's, or the build exception's. */
    public Expectation expectationOn(Side side) {
        return exceptionFor(side).map(BuildExpectation::expectation).orElse(expectation);
    }

    /** The source of the expectation that applies on a side. */
    public String sourceOn(Side side) {
        return exceptionFor(side).map(BuildExpectation::source).orElse(source);
    }

    /** {@code same}, or {@code same; ltsc2019: unsupported} when some builds are declared different. */
    public String expectationLabel() {
        return byBuild.isEmpty() ? expectation.label() : expectation.label() + "; "
                + String.join("; ", byBuild.stream().map(BuildExpectation::describe).toList());
    }

    private Optional<BuildExpectation> exceptionFor(Side side) {
        if (!side.isWindows() || side.build().isEmpty()) {
            return Optional.empty();
        }
        WindowsBuild build = side.build().get();
        return byBuild.stream().filter(e -> e.covers(build)).findFirst();
    }

    /** The outcome expected on a side, empty where the side does not run (Linux of a Windows-only row). */
    public Optional<String> expectedOn(OsFamily os) {
        return switch (expectation) {
            case SAME -> Optional.ofNullable(outcome);
            case DIFFERENT, UNSUPPORTED -> Optional.ofNullable(os == OsFamily.WINDOWS ? windows : linux);
            case WINDOWS_ONLY -> os == OsFamily.WINDOWS ? Optional.ofNullable(windows) : Optional.empty();
        };
    }

    /**
     * What is wrong with this row's {@code byBuild} exceptions, as a sentence naming the fix, or empty.
     */
    Optional<String> byBuildProblem() {
        if (!byBuild.isEmpty() && expectation == Expectation.WINDOWS_ONLY) {
            return Optional.of("is windows-only, so it has no Linux outcome for a build to differ from; drop 'byBuild'.");
        }
        for (BuildExpectation e : byBuild) {
            if (e.problem().isPresent()) {
                return Optional.of("has a 'byBuild' entry for " + e.builds() + " that " + e.problem().get() + ".");
            }
        }
        return Optional.empty();
    }

    /** Names the first field this row lacks, or empty when it is complete. */
    Optional<String> missingField() {
        if (id == null || id.isBlank()) {
            return Optional.of("id");
        }
        if (behaviour == null || behaviour.isBlank()) {
            return Optional.of("behaviour");
        }
        if (expectation == null) {
            return Optional.of("expectation");
        }
        if (source == null || source.isBlank()) {
            return Optional.of("source");
        }
        return switch (expectation) {
            case SAME -> outcome == null ? Optional.of("outcome") : Optional.empty();
            case DIFFERENT, UNSUPPORTED -> linux == null ? Optional.of("linux")
                    : windows == null ? Optional.of("windows") : Optional.empty();
            case WINDOWS_ONLY -> windows == null ? Optional.of("windows") : Optional.empty();
        };
    }
}
