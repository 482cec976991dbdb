package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the API server's object store in-process, by the same GET paths a client uses.
 *
 * <p>Why in-process: the mock server dispatches requests on its HTTP event loop, so code running
 * inside a request (admission, the exec and log endpoints, the data-plane model they drive) must not
 * call back into the server over HTTP. Controllers, which run on their own threads, use a real client.
 */
public final class ApiStore {

    private final KubernetesCrudDispatcher crud;

    public ApiStore(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    public <T extends HasMetadata> Optional<T> get(String path, Class<T> type) {
        MockResponse response = crud.handleGet(path);
        if (response.code() != 200 || response.getBody() == null) {
            return Optional.empty();
        }
        return Optional.of(Serialization.unmarshal(body(response), type));
    }

    static String body(MockResponse response) {
        return new String(response.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public <T extends HasMetadata> List<T> list(String path, Class<T> type) {
        MockResponse response = crud.handleGet(path);
        List<T> items = new ArrayList<>();
        if (response.code() != 200 || response.getBody() == null) {
            return items;
        }
        JsonNode tree = Serialization.jsonMapper().readTree(body(response));
        for (JsonNode item : tree.path("items")) {
            items.add(Serialization.jsonMapper().treeToValue(item, type));
        }
        return items;
    }
}
