/**
 * What a node of the embedded simulated cluster carries to say it is simulated
 * ({@link io.winnode.e2e.foundation.nodes.SimulatedProviderId}): written by the simulator, read by
 * the suite's cluster connection, never by scenarios. Depends on nothing else of ours.
 */
package io.winnode.e2e.foundation.nodes;
