package io.winnode.e2e.runner.selection;

import java.net.URI;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * One checked entry of {@code suites/quarantine.yaml}: a test the release gate tolerates failing
 * until {@code expires}, because {@code issue} tracks the defect and {@code owner} fixes it.
 *
 * @param reason why it is quarantined; null when the entry gives none
 */
public record QuarantineEntry(String test, URI issue, String owner, LocalDate expires, String reason) {

    /** An entry this close to its expiry is a warning on a passing gate, so it is renewed or resolved in time. */
    static final int EXPIRING_SOON_DAYS = 14;

    public enum State {
        /** Shields its test. */
        ACTIVE,
        /** Shields its test, but expires within {@value #EXPIRING_SOON_DAYS} days. */
        EXPIRING_SOON,
        /** Past its date: shields nothing and fails the gate until renewed or removed. */
        EXPIRED
    }

    /** The entry's state on {@code today}; it still shields on its expiry day itself. */
    public State state(LocalDate today) {
        if (today.isAfter(expires)) {
            return State.EXPIRED;
        }
        return daysLeft(today) <= EXPIRING_SOON_DAYS ? State.EXPIRING_SOON : State.ACTIVE;
    }

    public boolean shields(LocalDate today) {
        return state(today) != State.EXPIRED;
    }

    /** Days from {@code today} to the expiry date, negative once expired. */
    public long daysLeft(LocalDate today) {
        return ChronoUnit.DAYS.between(today, expires);
    }

    /** {@code issue https://..., owner alice}, for messages. */
    public String describe() {
        return "issue " + issue + ", owner " + owner;
    }
}
