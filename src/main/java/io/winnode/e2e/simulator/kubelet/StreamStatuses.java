package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;

import java.util.List;

/**
 * The Status the streaming server writes on the error channel when an exec or attach ends
 * ({@code remotecommand/exec.go}, ServeExec): Success; Failure with reason {@code NonZeroExitCode}
 * and a cause {@code ExitCode} whose message is the code; or, when the runtime could not run the
 * command at all, an InternalError for "error executing command in container: ..." (the shape of
 * apimachinery's {@code errors.NewInternalError}).
 */
final class StreamStatuses {

    private StreamStatuses() {
    }

    static Status success() {
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Success").build();
    }

    /**
     * containerd reports a non-zero exit as "error executing command [argv], exit code N" (Go's %v of
     * the argv slice), which ServeExec prefixes with "command terminated with non-zero exit code: ".
     */
    static Status exitCode(List<String> argv, int code) {
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("command terminated with non-zero exit code: error executing command ["
                        + String.join(" ", argv) + "], exit code " + code)
                .withReason("NonZeroExitCode")
                .withNewDetails().addNewCause().withReason("ExitCode").withMessage(String.valueOf(code)).endCause().endDetails()
                .build();
    }

    /**
     * The same exit through the kubelet's v5 stream translator: its SPDY client turns the runtime's
     * Status into "command terminated with exit code N" (client-go {@code tools/remotecommand/v4.go},
     * errorDecoderV4) and codeExitToStatusError wraps that once more
     * ({@code apiserver pkg/util/proxy/streamtranslator.go}).
     */
    static Status exitCodeTranslated(int code) {
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("command terminated with non-zero exit code: command terminated with exit code " + code)
                .withReason("NonZeroExitCode")
                .withNewDetails().addNewCause().withReason("ExitCode").withMessage(String.valueOf(code)).endCause().endDetails()
                .build();
    }

    /**
     * A runtime error through the translator: its SPDY client returns the runtime Status's message as
     * a plain error, which the translator reports as a new InternalError, hence the doubled prefix.
     */
    static Status runtimeErrorTranslated(String runtimeMessage) {
        String error = runtimeError(runtimeMessage).getMessage();
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("Internal error occurred: " + error).withReason("InternalError").withCode(500)
                .withNewDetails().addNewCause().withMessage(error).endCause().endDetails()
                .build();
    }

    static Status runtimeError(String runtimeMessage) {
        String error = "error executing command in container: " + runtimeMessage;
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("Internal error occurred: " + error).withReason("InternalError").withCode(500)
                .withNewDetails().addNewCause().withMessage(error).endCause().endDetails()
                .build();
    }
}
