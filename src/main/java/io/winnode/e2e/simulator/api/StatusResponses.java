package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.List;
import java.util.stream.Collectors;

/** The {@code Status} bodies the API server returns for rejected requests, in the real server's wording. */
public final class StatusResponses {

    private StatusResponses() {
    }

    /** 422 Invalid, message {@code Pod "x" is invalid: [field: detail, ...]} with one cause per field. */
    public static Status invalid(String kind, String name, List<StatusCause> causes) {
        String joined = causes.stream().map(c -> c.getField() + ": " + c.getMessage()).collect(Collectors.joining(", "));
        String message = kind + " \"" + name + "\" is invalid: " + (causes.size() == 1 ? joined : "[" + joined + "]");
        return new StatusBuilder().withStatus("Failure").withReason("Invalid").withCode(422).withMessage(message)
                .withNewMetadata().endMetadata()
                .withNewDetails().withName(name).withKind(kind.toLowerCase() + "s").withCauses(causes).endDetails()
                .build();
    }

    public static StatusCause forbiddenField(String field, String detail) {
        StatusCause cause = new StatusCause();
        cause.setReason("FieldValueForbidden");
        cause.setField(field);
        cause.setMessage("Forbidden: " + detail);
        return cause;
    }

    public static StatusCause requiredField(String field) {
        StatusCause cause = new StatusCause();
        cause.setReason("FieldValueRequired");
        cause.setField(field);
        cause.setMessage("Required value");
        return cause;
    }

    /** 403 Forbidden, as admission plugins reject: {@code pods "x" is forbidden: REASON}. */
    public static Status forbidden(String plural, String name, String reason) {
        return new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403)
                .withMessage(plural + " \"" + name + "\" is forbidden: " + reason)
                .withNewMetadata().endMetadata()
                .withNewDetails().withName(name).withKind(plural).endDetails().build();
    }

    public static Status badRequest(String message) {
        return new StatusBuilder().withStatus("Failure").withReason("BadRequest").withCode(400).withMessage(message)
                .withNewMetadata().endMetadata().build();
    }

    public static Status notFound(String plural, String name) {
        return new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404)
                .withMessage(plural + " \"" + name + "\" not found")
                .withNewMetadata().endMetadata()
                .withNewDetails().withName(name).withKind(plural).endDetails().build();
    }

    public static MockResponse toResponse(Status status) {
        return new MockResponse().setResponseCode(status.getCode())
                .setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(status));
    }
}
