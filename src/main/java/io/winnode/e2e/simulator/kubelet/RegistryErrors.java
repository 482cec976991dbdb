package io.winnode.e2e.simulator.kubelet;

/**
 * containerd's pull error texts for registry answers other than the image, as the kubelet shows them
 * in ErrImagePull. Each quotes the registry URL of the manifest request, which is why a classification
 * by the words "manifest" or "platform" is wrong (real-cluster-review L1). Sources: containerd
 * core/remotes/docker/errors.go ({@code "unexpected status from %s request to %s: %s"}),
 * core/remotes/docker/resolver.go ({@code "failed to resolve reference %q: %w"},
 * {@code "pull access denied, repository does not exist or may require authorization"},
 * {@code "%v: not found"}), Go net/http ({@code failed to do request: Head "URL": dial tcp ...: i/o timeout}),
 * and the CRI image service's {@code "failed to pull and unpack image %q: %w"}.
 */
final class RegistryErrors {

    private RegistryErrors() {
    }

    /** The error for a pull of {@code normalizedReference} answered with {@code error} (a {@code registry} fault's value). */
    static String text(String error, String normalizedReference) {
        String ref = normalizedReference;
        String resolve = "failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref + "\": ";
        String url = manifestUrl(ref);
        return switch (error) {
            case "tooManyRequests" -> resolve + "unexpected status from HEAD request to " + url + ": 429 Too Many Requests";
            case "serviceUnavailable" -> resolve + "unexpected status from HEAD request to " + url + ": 503 Service Unavailable";
            case "timeout" -> resolve + "failed to do request: Head \"" + url + "\": dial tcp: lookup " + host(ref) + ": i/o timeout";
            case "unauthorized" -> resolve + "pull access denied, repository does not exist or may require authorization: "
                    + "server message: insufficient_scope: authorization failed";
            case "notFound" -> resolve + ref + ": not found";
            default -> throw new IllegalArgumentException("unknown registry error " + error);
        };
    }

    private static String host(String normalizedReference) {
        return normalizedReference.substring(0, normalizedReference.indexOf('/'));
    }

    /** {@code https://HOST/v2/PATH/manifests/TAG}; Docker Hub's API host is registry-1.docker.io. */
    static String manifestUrl(String normalizedReference) {
        int slash = normalizedReference.indexOf('/');
        String host = normalizedReference.substring(0, slash);
        String rest = normalizedReference.substring(slash + 1);
        int colon = rest.lastIndexOf(':');
        String path = colon < 0 ? rest : rest.substring(0, colon);
        String tag = colon < 0 ? "latest" : rest.substring(colon + 1);
        return "https://" + ("docker.io".equals(host) ? "registry-1.docker.io" : host) + "/v2/" + path + "/manifests/" + tag;
    }
}
