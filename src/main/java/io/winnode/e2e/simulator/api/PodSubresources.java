package io.winnode.e2e.simulator.api;

import io.fabric8.mockwebserver.http.MockResponse;

/** The pod subresources the kubelet serves through the API server: {@code exec} and {@code log}. */
public interface PodSubresources {

    MockResponse exec(ApiPath path);

    MockResponse log(ApiPath path);
}
