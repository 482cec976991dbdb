package main

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"go.etcd.io/etcd/server/v3/embed"
)

// runEtcd runs a single-member etcd server, embedded the way upstream's own storage tests embed it
// (k8s.io/apiserver pkg/storage/etcd3/testserver/test_server.go): a private data directory, loopback
// client and peer URLs, no fsync (the data lives as long as one test cluster), errors-only logging.
//
// It takes the official etcd binary's flag names for the settings the suite uses (etcd-io/etcd v3.7.0
// server/embed/config.go AddFlags; the same names kwokctl passes, kwok pkg/kwokctl/components/etcd.go), so
// the Java launcher starts either this subcommand or an official etcd release binary with one
// argument list. Go's flag package accepts both --name=value and --name value.
func runEtcd(args []string) int {
	flags := flag.NewFlagSet("etcd", flag.ContinueOnError)
	dataDir := flags.String("data-dir", "", "path to the data directory (created with mode 0700)")
	name := flags.String("name", "default", "human-readable name for this member")
	listenClient := flags.String("listen-client-urls", "http://localhost:2379", "comma-separated URLs to listen on for client traffic")
	advertiseClient := flags.String("advertise-client-urls", "http://localhost:2379", "comma-separated client URLs to advertise")
	listenPeer := flags.String("listen-peer-urls", "http://localhost:2380", "comma-separated URLs to listen on for peer traffic")
	advertisePeer := flags.String("initial-advertise-peer-urls", "http://localhost:2380", "comma-separated peer URLs to advertise")
	initialCluster := flags.String("initial-cluster", "", "initial cluster configuration (name=peer-url,...); default: this member alone")
	unsafeNoFsync := flags.Bool("unsafe-no-fsync", false, "disables fsync, unsafe, will cause data loss on a crash")
	compactionMode := flags.String("auto-compaction-mode", "periodic", "periodic or revision")
	compactionRetention := flags.String("auto-compaction-retention", "0", "auto compaction retention (0 disables it)")
	quota := flags.Int64("quota-backend-bytes", 0, "raise alarms when the backend size exceeds this quota (0 = etcd's default)")
	logLevel := flags.String("log-level", "info", "debug, info, warn, error, panic or fatal")
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "etcd: unexpected arguments %q\n", flags.Args())
		return 2
	}
	if *dataDir == "" {
		fmt.Fprintln(os.Stderr, "etcd: --data-dir is required")
		return 2
	}

	cfg := embed.NewConfig()
	cfg.Name = *name
	cfg.Dir = *dataDir
	var err error
	for _, u := range []struct {
		flag   string
		value  string
		target *[]url.URL
	}{
		{"listen-client-urls", *listenClient, &cfg.ListenClientUrls},
		{"advertise-client-urls", *advertiseClient, &cfg.AdvertiseClientUrls},
		{"listen-peer-urls", *listenPeer, &cfg.ListenPeerUrls},
		{"initial-advertise-peer-urls", *advertisePeer, &cfg.AdvertisePeerUrls},
	} {
		if *u.target, err = parseURLs(u.value); err != nil {
			fmt.Fprintf(os.Stderr, "etcd: --%s: %v\n", u.flag, err)
			return 2
		}
	}
	if *initialCluster != "" {
		cfg.InitialCluster = *initialCluster
	} else {
		cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	}
	cfg.UnsafeNoFsync = *unsafeNoFsync
	cfg.AutoCompactionMode = *compactionMode
	cfg.AutoCompactionRetention = *compactionRetention
	cfg.QuotaBackendBytes = *quota
	cfg.LogLevel = *logLevel

	server, err := embed.StartEtcd(cfg)
	if err != nil {
		fmt.Fprintf(os.Stderr, "etcd: %v\n", err)
		return 1
	}
	defer server.Close()

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-server.Server.ReadyNotify():
		fmt.Fprintln(os.Stderr, "etcd: ready")
	case err := <-server.Err():
		fmt.Fprintf(os.Stderr, "etcd: %v\n", err)
		return 1
	case <-stop:
		return 0
	}
	select {
	case err := <-server.Err():
		fmt.Fprintf(os.Stderr, "etcd: %v\n", err)
		return 1
	case <-server.Server.StopNotify():
		return 1
	case <-stop:
		return 0
	}
}

// parseURLs parses a comma-separated URL list, as etcd's own flags do (etcd-io/etcd pkg/flags/urls.go).
func parseURLs(list string) ([]url.URL, error) {
	var urls []url.URL
	for _, s := range strings.Split(list, ",") {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil {
			return nil, err
		}
		if u.Scheme == "" || u.Host == "" {
			return nil, fmt.Errorf("%q is not a URL with scheme and host", s)
		}
		urls = append(urls, *u)
	}
	return urls, nil
}
