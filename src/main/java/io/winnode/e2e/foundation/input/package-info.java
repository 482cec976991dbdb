/**
 * {@link io.winnode.e2e.foundation.input.InvalidInputException}: input the user gave is wrong, and
 * the message says what and how to fix it (the runner maps it to exit code 2). Depends on nothing
 * else of ours.
 */
package io.winnode.e2e.foundation.input;
