package io.winnode.e2e.simulator.network;

import java.util.Map;

/**
 * A running pod as the network sees it: its address and, per listening port, which server answers
 * ({@code netexec}, {@code serve-hostname}, {@code test-webserver}, or null for an unnamed listener).
 */
public record PodEndpoint(String namespace, String name, String hostname, String ip, String nodeName, boolean hostNetwork,
                          Map<Integer, String> listeners) {
}
