/**
 * Strict reading of the project's YAML files into records
 * ({@link io.winnode.e2e.foundation.yaml.YamlFiles}): an unknown key or malformed YAML is an
 * {@code InvalidInputException} naming the file, the place and the fix. Depends on nothing of ours
 * outside the foundation.
 */
package io.winnode.e2e.foundation.yaml;
