package io.winnode.e2e.simulator.kubelet;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The text of a FailedCreatePodSandBox event as a real kubelet on containerd writes it: the kubelet's
 * {@code "Failed to create pod sandbox: %v"} (pkg/kubelet/kuberuntime/kuberuntime_manager.go) around the
 * CRI error {@code rpc error: code = Unknown desc = ...}, in which containerd names the sandbox it tried
 * to start ({@code "failed to start sandbox container task %q: %w"}, containerd
 * internal/cri/server/podsandbox/sandbox_run.go). Sandbox ids are 64 hex characters, new on every attempt.
 */
final class SandboxFailure {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SandboxFailure() {
    }

    static String newSandboxId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String message(String sandboxId, String runtimeError) {
        return "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox container task \""
                + sandboxId + "\": " + runtimeError;
    }
}
