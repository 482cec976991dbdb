package io.winnode.e2e.simulator.network;

/**
 * A container port published on its node's IP ({@code ports[].hostPort}), as the CNI portmap
 * plugin (Linux) or a Windows CNI with the portMappings capability programs it (parity NET-05).
 */
public record HostPortMapping(int hostPort, String podIp, int containerPort) {
}
