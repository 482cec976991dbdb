// Command controlplane runs one component of the official Kubernetes control plane, unmodified:
//
//	controlplane etcd --data-dir DIR --listen-client-urls URL ... (the official etcd flag names)
//	controlplane kube-apiserver ARGS...
//	controlplane kube-scheduler ARGS...
//	controlplane kube-controller-manager ARGS...
//	controlplane version
//	controlplane api-proxy ARGS... (apiproxy.go: API-server weather in front of kube-apiserver)
//
// Each component runs in a process of its own, started by the suite's Java launcher: run in one
// process, the apiserver library's signal handler panics when the second component sets it up
// (k8s.io/apiserver pkg/server/signal.go; k3s-io/k3s#10894), and the components share the
// process-global feature gate and metrics registry. The three Kubernetes subcommands are exactly
// upstream's main functions (cmd/kube-*/*.go at the pinned release): the cobra command built by the
// component's own app package, run by component-base's cli.Run.
//
// With WINNODE_EXIT_ON_STDIN_EOF=1 in its environment, every subcommand exits when its standard
// input reaches end of file (stdin.go): the launcher's way to make sure no component outlives it.
package main

import (
	"fmt"
	"os"
	_ "time/tzdata" // for CronJob time zone support, as upstream's mains import it

	"github.com/spf13/cobra"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"          // JSON log format registration, as upstream
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // client-go metrics plugins, as upstream
	_ "k8s.io/component-base/metrics/prometheus/version"  // version metric registration, as upstream
	"k8s.io/component-base/version"
	apiserver "k8s.io/kubernetes/cmd/kube-apiserver/app"
	controllermanager "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	scheduler "k8s.io/kubernetes/cmd/kube-scheduler/app"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	component, args := os.Args[1], os.Args[2:]
	exitWhenStdinCloses()
	var command *cobra.Command
	switch component {
	case "etcd":
		os.Exit(runEtcd(args))
	case "api-proxy":
		os.Exit(runAPIProxy(args))
	case "version":
		fmt.Println(version.Get().GitVersion)
		return
	case "kube-apiserver":
		command = apiserver.NewAPIServerCommand()
	case "kube-scheduler":
		command = scheduler.NewSchedulerCommand()
	case "kube-controller-manager":
		command = controllermanager.NewControllerManagerCommand()
	default:
		usage()
	}
	command.SetArgs(args)
	os.Exit(cli.Run(command))
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: controlplane etcd|kube-apiserver|kube-scheduler|kube-controller-manager|api-proxy|version [ARGS...]")
	os.Exit(2)
}
