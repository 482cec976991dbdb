package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * fabric8's CRUD store with its own watch delivery. The stock watch listener waits on the HTTP
 * event loop, in {@code onClosed}, for its sender thread to finish, while that thread waits for the
 * same event loop to flush a write: when a client closes a watch while events are being sent, the
 * whole server stalls for up to 30 s. The simulator changes objects constantly (pod status, events),
 * so watches here send from their own thread and are torn down without waiting.
 */
public final class WatchSafeCrudDispatcher extends KubernetesCrudDispatcher {

    private final Set<Watch> watches = new CopyOnWriteArraySet<>();
    private final KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;

    @Override
    public MockResponse handleWatch(String path) {
        AttributeSet query = attributeExtractor.fromPath(path);
        String name = watchedName(path);
        if (name != null) {
            query = query.add(new Attribute(KubernetesAttributesExtractor.NAME, name));
        }
        Watch watch = new Watch(query);
        watches.add(watch);
        return new MockResponse().withWebSocketUpgrade(watch);
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        String existing = oldAttributes == null ? null : map.get(oldAttributes);
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
        if (Objects.equals(existing, newState)) {
            return;
        }
        AttributeSet newAttributes = null;
        if (newState != null) {
            newAttributes = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
            if (!newAttributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
                newAttributes = AttributeSet.merge(pathAttributes, newAttributes);
            }
        }
        for (Watch watch : watches) {
            boolean matchesOld = oldAttributes != null && oldAttributes.matches(watch.query);
            boolean matchesNew = newAttributes != null && newAttributes.matches(watch.query);
            if (matchesOld && matchesNew) {
                watch.send("MODIFIED", newState);
            } else if (matchesOld) {
                watch.send("DELETED", existing);
            } else if (matchesNew) {
                watch.send("ADDED", newState);
            }
        }
    }

    private static String watchedName(String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : path.substring(q + 1).split("&")) {
            if (pair.startsWith("fieldSelector=")) {
                String selector = URLDecoder.decode(pair.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
                for (String requirement : selector.split(",")) {
                    if (requirement.startsWith("metadata.name=")) {
                        return requirement.substring("metadata.name=".length());
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void releaseResources() {
        watches.forEach(Watch::stop);
        super.releaseResources();
    }

    /** One watch stream: initial ADDED events, then changes, sent in order from a dedicated thread. */
    private final class Watch extends WebSocketListener {

        private final AttributeSet query;
        private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "simulator-watch");
            t.setDaemon(true);
            return t;
        });
        private final List<String> pending = new ArrayList<>();
        private volatile WebSocket socket;

        Watch(AttributeSet query) {
            this.query = query;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            List<String> initial = new ArrayList<>();
            synchronized (map) {
                for (Map.Entry<AttributeSet, String> e : map.entrySet()) {
                    if (e.getKey().matches(query)) {
                        initial.add(event("ADDED", e.getValue()));
                    }
                }
            }
            synchronized (this) {
                socket = webSocket;
                initial.addAll(pending);
                pending.clear();
                initial.forEach(this::enqueue);
            }
        }

        void send(String type, String object) {
            String event = event(type, object);
            synchronized (this) {
                if (socket == null) {
                    pending.add(event);
                } else {
                    enqueue(event);
                }
            }
        }

        private void enqueue(String event) {
            try {
                sender.execute(() -> {
                    WebSocket ws = socket;
                    if (ws != null) {
                        ws.send(event);
                    }
                });
            } catch (RejectedExecutionException e) {
                // the watch is closed
            }
        }

        private String event(String type, String object) {
            return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            try {
                sender.execute(() -> webSocket.close(code, reason));
            } catch (RejectedExecutionException e) {
                // already stopped
            }
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            stop();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            stop();
        }

        void stop() {
            watches.remove(this);
            sender.shutdown();
        }
    }
}
