/**
 * The image contract ({@code images/contract/}, format in {@code images/README.md}): what each real
 * test image holds per OS (PATH, executables, ENTRYPOINT/CMD, user, PowerShell, output formats)
 * and what a Windows HostProcess container sees, each fact with its upstream source. The
 * simulator's containers run only what it lists; the suite checks its command lines against it.
 * It reads of {@code images/catalog.yaml} only the names, repositories and platforms it must agree
 * with; the suite's catalog (registries, mirrors, tags) stays in the framework. Depends on nothing
 * of ours outside the foundation.
 */
package io.winnode.e2e.foundation.images;
