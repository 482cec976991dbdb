package io.winnode.e2e.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;

/** The kubelet endpoints reachable through {@code /api/v1/nodes/NAME/proxy/...}; null = not simulated (404). */
public interface NodeProxy {

    MockResponse get(String nodeName, String kubeletPath);
}
