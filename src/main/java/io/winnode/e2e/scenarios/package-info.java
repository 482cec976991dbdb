/**
 * The scenarios: one class per behaviour group, each method one behaviour of
 * {@code parity/expectations.yaml}, run on Linux and on every Windows build. Scenarios speak only
 * to {@code io.winnode.e2e.framework} (and the ground floor {@code io.winnode.e2e.foundation} it
 * shares: OS families, Windows builds); they never know what kind of cluster they run on.
 */
package io.winnode.e2e.scenarios;
