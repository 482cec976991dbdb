package io.winnode.e2e.framework.parity;

import io.winnode.e2e.framework.nodes.OsFamily;

import java.util.Optional;

/**
 * One behaviour of {@code parity/expectations.yaml}: what Linux and Windows are expected to show,
 * and where that expectation comes from.
 *
 * @param outcome for {@code same}: the outcome both sides must show
 * @param linux   for {@code different}/{@code unsupported}: the Linux outcome
 * @param windows for {@code different}/{@code unsupported}/{@code windows-only}: the Windows outcome
 * @param source  the parity-table row and documents this expectation rests on
 */
public record ParityRow(String id, String behaviour, Expectation expectation, String outcome, String linux,
                        String windows, String source) {

    /** The outcome expected on a side, empty where the side does not run (Linux of a Windows-only row). */
    public Optional<String> expectedOn(OsFamily os) {
        return switch (expectation) {
            case SAME -> Optional.ofNullable(outcome);
            case DIFFERENT, UNSUPPORTED -> Optional.ofNullable(os == OsFamily.WINDOWS ? windows : linux);
            case WINDOWS_ONLY -> os == OsFamily.WINDOWS ? Optional.ofNullable(windows) : Optional.empty();
        };
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
