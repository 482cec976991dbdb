package main

import (
	"fmt"
	"io"
	"os"
)

// exitOnStdinEOFEnv names the environment variable that turns on parent-death detection.
const exitOnStdinEOFEnv = "WINNODE_EXIT_ON_STDIN_EOF"

// exitWhenStdinCloses makes the process exit once its standard input reaches end of file, when the
// environment variable above is "1". The Java launcher starts each component with stdin a pipe that
// only it holds open: when the JVM ends in any way, kill -9 included, the kernel closes its end and
// the read here returns EOF, so no component outlives the suite. Linux's PR_SET_PDEATHSIG would do
// the same, but it must be set by the child itself and fires when the parent *thread* exits
// (man 2 prctl), which is wrong for a JVM that may start processes from short-lived threads.
// Opt-in, so that running the binary by hand with stdin at /dev/null still works.
func exitWhenStdinCloses() {
	if os.Getenv(exitOnStdinEOFEnv) != "1" {
		return
	}
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		fmt.Fprintf(os.Stderr, "%s: standard input closed (the launching process is gone); exiting\n", os.Args[0])
		os.Exit(3)
	}()
}
