package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Status;

/** An admission or validation step rejected a request; carries the Status the API server answers with. */
public final class AdmissionException extends RuntimeException {

    private final transient Status status;

    public AdmissionException(Status status) {
        super(status.getMessage());
        this.status = status;
    }

    public Status status() {
        return status;
    }
}
