package io.winnode.e2e.framework.parity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.framework.placement.Side;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One behaviour of {@code parity/expectations.yaml}: what Linux and Windows are expected to show,
 * and where that expectation comes from. Its outcome sentences are written once, in
 * {@code outcomes}; the other fields name them by key, and scenarios report them by key
 * ({@link Observed#outcome(String)}), so no sentence is repeated in code.
 *
 * @param outcomes the row's vocabulary: key to outcome sentence, every outcome its scenario may
 *                 report by name (in file order)
 * @param outcome  for {@code same}: the key of the outcome both sides must show
 * @param linux    for {@code different}/{@code unsupported}: the key of the Linux outcome
 * @param windows  for {@code different}/{@code unsupported}/{@code windows-only}: the key of the Windows outcome
 * @param source   the parity-table row and documents this expectation rests on
 * @param byBuild  documented exceptions for some Windows builds (e.g. a feature that needs Windows
 *                 Server 2022), each with its own source; empty for most rows
 */
public record ParityRow(String id, String behaviour, Expectation expectation, Map<String, String> outcomes,
                        String outcome, String linux, String windows, String source, List<BuildExpectation> byBuild,
                        String outcomesOf) {

    @JsonCreator
    public ParityRow(@JsonProperty("id") String id, @JsonProperty("behaviour") String behaviour,
                     @JsonProperty("expectation") Expectation expectation,
                     @JsonProperty("outcomes") Map<String, String> outcomes, @JsonProperty("outcome") String outcome,
                     @JsonProperty("linux") String linux, @JsonProperty("windows") String windows,
                     @JsonProperty("source") String source, @JsonProperty("byBuild") List<BuildExpectation> byBuild,
                     @JsonProperty("outcomesOf") String outcomesOf) {
        this.id = id;
        this.behaviour = behaviour;
        this.expectation = expectation;
        this.outcomes = outcomes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        this.outcome = outcome;
        this.linux = linux;
        this.windows = windows;
        this.source = source;
        this.byBuild = byBuild == null ? List.of() : List.copyOf(byBuild);
        this.outcomesOf = outcomesOf;
    }

    /** A row that declares its own outcomes. */
    public ParityRow(String id, String behaviour, Expectation expectation, Map<String, String> outcomes,
                     String outcome, String linux, String windows, String source, List<BuildExpectation> byBuild) {
        this(id, behaviour, expectation, outcomes, outcome, linux, windows, source, byBuild, null);
    }

    /**
     * This row with the outcomes of {@code sharer} (the row its {@code outcomesOf} names) before its own: two rows
     * that observe the same things (NET-04a/b, NET-16a/b) write their sentences once.
     */
    ParityRow sharingOutcomesOf(ParityRow sharer) {
        var merged = new LinkedHashMap<>(sharer.outcomes());
        merged.putAll(outcomes);
        return new ParityRow(id, behaviour, expectation, merged, outcome, linux, windows, source, byBuild, outcomesOf);
    }

    /** A row without build-specific exceptions. */
    public ParityRow(String id, String behaviour, Expectation expectation, Map<String, String> outcomes,
                     String outcome, String linux, String windows, String source) {
        this(id, behaviour, expectation, outcomes, outcome, linux, windows, source, List.of(), null);
    }

    /**
     * The sentence of one of this row's outcomes.
     *
     * @throws InvalidInputException when the row has no outcome of that key: a scenario names an
     *                               outcome its row does not declare
     */
    public String sentence(String key) {
        String sentence = outcomes.get(key);
        if (sentence == null) {
            throw new InvalidInputException(ParityExpectations.FILE + ": behaviour " + id + " has no outcome '" + key
                    + "' (its outcomes: " + String.join(", ", outcomes.keySet()) + "). Report one of those keys, "
                    + "or add '" + key + ": <sentence>' under the row's 'outcomes'.");
        }
        return sentence;
    }

    /**
     * The outcome expected on a side: a Windows side whose build has a declared exception gets that
     * exception's outcome, every other side the row's outcome for its OS.
     */
    public Optional<String> expectedOn(Side side) {
        return exceptionFor(side).map(e -> sentence(e.windows())).or(() -> expectedOn(side.os()));
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
        return expectedKeyOn(os).map(this::sentence);
    }

    private Optional<String> expectedKeyOn(OsFamily os) {
        return switch (expectation) {
            case SAME -> Optional.ofNullable(outcome);
            case DIFFERENT, UNSUPPORTED -> Optional.ofNullable(os == OsFamily.WINDOWS ? windows : linux);
            case WINDOWS_ONLY -> os == OsFamily.WINDOWS ? Optional.ofNullable(windows) : Optional.empty();
        };
    }

    /**
     * What is wrong with this row's outcome vocabulary, as a sentence naming the fix, or empty: every
     * sentence must be written, and every key the row's expectations name must be one of them.
     */
    Optional<String> vocabularyProblem() {
        if (outcomes.isEmpty()) {
            return Optional.of("lacks 'outcomes', the key: sentence list of the outcomes its scenario reports.");
        }
        for (var entry : outcomes.entrySet()) {
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                return Optional.of("has outcome '" + entry.getKey() + "' without a sentence; write it after the key.");
            }
        }
        var named = new ArrayList<String>();
        named.add(outcome);
        named.add(linux);
        named.add(windows);
        byBuild.forEach(e -> named.add(e.windows()));
        for (String key : named) {
            if (key != null && !outcomes.containsKey(key)) {
                return Optional.of("names outcome '" + key + "', which is not one of its 'outcomes' ("
                        + String.join(", ", outcomes.keySet()) + "); 'outcome', 'linux', 'windows' and a 'byBuild' "
                        + "entry's 'windows' take a key of 'outcomes', not a sentence.");
            }
        }
        return Optional.empty();
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
