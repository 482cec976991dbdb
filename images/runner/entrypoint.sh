#!/usr/bin/env bash
# Entrypoint of the winnode-e2e runner image: `winnode run "$@"` from inside a cluster.
#
#   IMAGE                          -> winnode run                  (the default suite)
#   IMAGE --suite smoke            -> winnode run --suite smoke
#   IMAGE nodes | list | faults    -> that command instead of run
#
# JUnit XML and the parity matrix go to $ARTIFACTS (default /results), Allure results to
# $ARTIFACTS/allure-results unless --allure-results is given. With no kubeconfig in the image,
# the runner connects with the pod's service account.
#
# As a Sonobuoy plugin (SONOBUOY_RESULTS_DIR or RESULTS_DIR set, normally /tmp/sonobuoy/results)
# the results go under that directory instead, and whatever the run's outcome the entrypoint packs
# them into a tarball there and writes its path into the "done" file, which is what Sonobuoy waits
# for. A run that ends before writing any JUnit XML (bad input, unusable cluster) leaves a JUnit
# file with one failed case naming the exit code, so Sonobuoy never reports it as a pass.
set -uo pipefail

home="${WINNODE_HOME:-/opt/winnode}"
sonobuoy_dir="${SONOBUOY_RESULTS_DIR:-${RESULTS_DIR:-}}"

if [[ -n "$sonobuoy_dir" ]]; then
  export ARTIFACTS="$sonobuoy_dir/winnode-e2e"
else
  export ARTIFACTS="${ARTIFACTS:-/results}"
fi

subcommand=run
case "${1:-}" in
  run | list | nodes | faults | help) subcommand="$1"; shift ;;
esac

has_option() {
  local name="$1"; shift
  local arg
  for arg in "$@"; do
    [[ "$arg" == "$name" || "$arg" == "$name="* ]] && return 0
  done
  return 1
}

args=("$subcommand" "$@")
if [[ "$subcommand" == run ]] && ! has_option --allure-results "$@"; then
  # The working directory is read-only in the image; Allure results belong with the other results.
  args+=(--allure-results "$ARTIFACTS/allure-results")
fi

# shellcheck disable=SC2086 # WINNODE_JAVA_OPTS is a list of JVM flags
java_command=(java ${WINNODE_JAVA_OPTS:-} -cp "$home/winnode-e2e.jar:$home/lib/*" io.winnode.e2e.runner.Winnode "${args[@]}")

if [[ -z "$sonobuoy_dir" ]]; then
  # The JVM becomes PID 1 and gets SIGTERM itself, so its shutdown hooks delete what the run created.
  exec "${java_command[@]}"
fi

# A JUnit file for a run that stopped before writing one; the exit code is its only variable part.
write_failed_run_junit() {
  local code="$1"
  cat > "$ARTIFACTS/junit_winnode-e2e.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="winnode-e2e" tests="1" failures="1" errors="0" skipped="0">
  <testcase classname="winnode-e2e" name="winnode ${subcommand} (exit code ${code})">
    <failure message="winnode ${subcommand} exited with code ${code} before writing a JUnit report">Exit code 2: bad input; 3: the cluster is unreachable or unusable (for example no schedulable Windows node); 4: internal error; 143: stopped by SIGTERM (the pod was deleted, for example at Sonobuoy's timeout). The plugin pod's log says why: sonobuoy logs, or podlogs/ in the results tarball.</failure>
  </testcase>
</testsuite>
EOF
}

# Hands the results to Sonobuoy: a tarball of $ARTIFACTS, then its path in the done file (written
# under another name and renamed, so the worker never reads half of it).
hand_over_to_sonobuoy() {
  local code="$1"
  local tarball="$sonobuoy_dir/winnode-e2e.tar.gz"
  local result="$tarball"
  mkdir -p "$ARTIFACTS"
  if [[ "$code" != 0 ]] && ! compgen -G "$ARTIFACTS/junit_*.xml" > /dev/null; then
    write_failed_run_junit "$code"
  fi
  if ! tar -czf "$tarball" -C "$ARTIFACTS" .; then
    echo "winnode-e2e entrypoint: could not pack $ARTIFACTS; handing over the directory instead" >&2
    result="$ARTIFACTS"
  fi
  printf '%s' "$result" > "$sonobuoy_dir/done.tmp" && mv "$sonobuoy_dir/done.tmp" "$sonobuoy_dir/done"
}

mkdir -p "$ARTIFACTS"
"${java_command[@]}" &
java_pid=$!
# Not PID 1's default: pass Ctrl-C / pod deletion on to the JVM so that it cleans up.
trap 'kill -TERM "$java_pid" 2> /dev/null' TERM INT
# wait also returns (with 128+signal) when a trapped signal arrives: keep waiting while the JVM
# shuts down, then ask once more for its own exit status, which bash keeps for a reaped child.
while kill -0 "$java_pid" 2> /dev/null; do
  wait "$java_pid"
done
wait "$java_pid"
code=$?
hand_over_to_sonobuoy "$code"
exit "$code"
