/**
 * The ground floor the simulator and the suite (framework, scenarios, runner) both stand on: the
 * words and files they share, so that neither has to borrow the other's. It holds facts about
 * Kubernetes and Windows nodes and the project's own files, never a view of what a test expects.
 *
 * <ul>
 *   <li>{@code os}: the OS family of a node and the Windows builds;</li>
 *   <li>{@code images}: the image contract, what the real test images hold per OS;</li>
 *   <li>{@code nodes}: how a simulated node says it is one;</li>
 *   <li>{@code yaml}: strict reading of the project's YAML files;</li>
 *   <li>{@code input}: the error for input the user got wrong;</li>
 *   <li>{@code files}: finding the project's data files, deleting directory trees.</li>
 * </ul>
 *
 * It depends on nothing else of ours (the architecture test's rules say so); its sub-packages use
 * one another and libraries (Jackson, commons-io) only.
 */
package io.winnode.e2e.foundation;
