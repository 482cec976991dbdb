package io.winnode.e2e.framework.parity;

import io.winnode.e2e.foundation.os.WindowsBuild;

import java.util.List;
import java.util.Optional;

/**
 * A documented exception to a row's Windows expectation for some Windows builds: what those builds
 * show instead, and the document that says so. Example: ClientIP session affinity (NET-09) needs
 * Windows Server 2022 (kubernetes/website windows-networking.md, "Windows Service Settings"), so
 * ltsc2019 is declared unsupported there.
 *
 * @param builds      the builds it applies to, by short name ({@code ltsc2019}) or build number
 * @param expectation how those builds compare with Linux ({@code different} or {@code unsupported})
 * @param windows     the key (in the row's {@code outcomes}) of the outcome those builds are expected to show
 * @param source      the document or upstream code that says so
 */
public record BuildExpectation(List<String> builds, Expectation expectation, String windows, String source) {

    public BuildExpectation {
        builds = builds == null ? List.of() : List.copyOf(builds);
    }

    /** Whether this exception covers {@code build}. */
    boolean covers(WindowsBuild build) {
        return builds.stream().map(WindowsBuild::fromName).anyMatch(b -> b.isPresent() && b.get().equals(build));
    }

    /** Names the first problem of this entry, or empty when it is complete and well-formed. */
    Optional<String> problem() {
        if (builds.isEmpty()) {
            return Optional.of("lists no 'builds'");
        }
        for (String b : builds) {
            if (WindowsBuild.fromName(b).isEmpty()) {
                return Optional.of("names build '" + b + "', which is neither a known build ("
                        + String.join(", ", WindowsBuild.known().stream().map(WindowsBuild::shortName).toList())
                        + ") nor a build number such as 10.0.25398");
            }
        }
        if (expectation != Expectation.DIFFERENT && expectation != Expectation.UNSUPPORTED) {
            return Optional.of("needs 'expectation: different' or 'unsupported' (a build-specific 'same' says nothing)");
        }
        if (windows == null || windows.isBlank()) {
            return Optional.of("lacks 'windows', the key of the outcome those builds show");
        }
        if (source == null || source.isBlank()) {
            return Optional.of("lacks 'source', the document that says those builds differ");
        }
        return Optional.empty();
    }

    /** {@code ltsc2019: unsupported}, for the matrix's expectation column. */
    String describe() {
        return String.join(", ", builds) + ": " + expectation.label();
    }
}
