// Command ecsx-sandbox runs a local emulator of the Amazon ECS cluster API
// (see internal/sandbox/README.md). Point the AWS CLI, an SDK or Terraform at
// the URL it prints:
//
//	go run ./cmd/ecsx-sandbox
//	aws --endpoint-url http://127.0.0.1:4599 ecs list-clusters
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// version is set at build time with -ldflags "-X main.version=...", as the
// provider's is.
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "ecsx-sandbox:", err)
		}
		os.Exit(2)
	}
}

type config struct {
	version      bool
	addr         string
	allowRemote  bool
	statePath    string
	saveInterval time.Duration
	opts         sandbox.Options
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fl := flag.NewFlagSet("ecsx-sandbox", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.BoolVar(&c.version, "version", false, "print the version and exit")
	fl.StringVar(&c.addr, "addr", "127.0.0.1:4599", "listen address (loopback only unless -allow-remote)")
	fl.BoolVar(&c.allowRemote, "allow-remote", false, "allow listening on a non-loopback address")
	fl.StringVar(&c.statePath, "state", "", "keep state in this file (written atomically) instead of only in memory")
	fl.DurationVar(&c.saveInterval, "save-interval", 250*time.Millisecond, "with -state, how often changed state is saved")
	fl.StringVar(&c.opts.Account, "account", sandbox.DefaultAccount, "AWS account ID of the emulated resources")
	fl.DurationVar(&c.opts.ProvisionDelay, "provision-delay", 0, "PROVISIONING -> ACTIVE delay with Auto Scaling group providers")
	fl.DurationVar(&c.opts.DeprovisionDelay, "deprovision-delay", 0, "DEPROVISIONING -> INACTIVE delay (and capacity provider deletion)")
	fl.DurationVar(&c.opts.ProviderProvisionDelay, "provider-provision-delay", 0, "PROVISIONING -> ACTIVE delay of new capacity providers")
	fl.DurationVar(&c.opts.ProviderUpdateDelay, "provider-update-delay", 0, "UPDATE_IN_PROGRESS -> UPDATE_COMPLETE delay of capacity provider updates")
	fl.DurationVar(&c.opts.ScaleInDelay, "scale-in-delay", 0, "delay after a capacity provider's deletion starts until its Auto Scaling group's container instances deregister")
	fl.DurationVar(&c.opts.InactiveRetention, "inactive-retention", sandbox.DefaultInactiveRetention, "how long deleted (INACTIVE) resources stay describable")
	fl.StringVar(&c.opts.DefaultContainerInsights, "container-insights", "disabled", "containerInsights value of clusters created without settings: enabled, disabled or enhanced")
	fl.StringVar(&c.opts.ClusterScopedDeleteError, "cluster-scoped-delete-error", "ClientException",
		"error of DeleteCluster while cluster-scoped capacity providers remain: ClientException or ClusterContainsCapacityProviderException")
	fl.StringVar(&c.opts.AccessKey, "access-key", "", "with -secret-key, verify SigV4 signatures for this access key")
	fl.StringVar(&c.opts.SecretKey, "secret-key", "", "secret key for -access-key")
	fl.IntVar(&c.opts.MaxClusters, "max-clusters", sandbox.DefaultMaxClusters, "cluster quota per account and region")
	fl.BoolVar(&c.opts.ECSLimits, "ecs-limits", false, "enforce Amazon ECS's documented request throttling (token buckets per account, region and category)")
	fl.DurationVar(&c.opts.Latency, "latency", 0, "time added to every ECS API call, such as 30ms")
	fl.DurationVar(&c.opts.ServiceDrainDelay, "service-drain-delay", 0, "how long a deleted service stays DRAINING before it is INACTIVE")
	fl.DurationVar(&c.opts.StoppedTaskRetention, "stopped-task-retention", sandbox.DefaultStoppedTaskRetention, "how long stopped tasks stay listed and describable")
	if err := fl.Parse(args); err != nil {
		return c, err
	}
	if fl.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fl.Args(), " "))
	}
	switch c.opts.DefaultContainerInsights {
	case "enabled", "disabled", "enhanced":
	default:
		return c, fmt.Errorf("-container-insights must be enabled, disabled or enhanced")
	}
	switch c.opts.ClusterScopedDeleteError {
	case "ClientException", "ClusterContainsCapacityProviderException":
	default:
		return c, fmt.Errorf("-cluster-scoped-delete-error must be ClientException or ClusterContainsCapacityProviderException")
	}
	if (c.opts.AccessKey == "") != (c.opts.SecretKey == "") {
		return c, fmt.Errorf("-access-key and -secret-key go together")
	}
	if c.opts.ProvisionDelay < 0 || c.opts.DeprovisionDelay < 0 || c.opts.ProviderProvisionDelay < 0 || c.opts.ProviderUpdateDelay < 0 || c.opts.ScaleInDelay < 0 || c.opts.Latency < 0 || c.opts.ServiceDrainDelay < 0 ||
		c.opts.InactiveRetention <= 0 || c.opts.StoppedTaskRetention <= 0 || c.saveInterval <= 0 {
		return c, fmt.Errorf("delays must not be negative; retention and save interval must be positive")
	}
	if !c.allowRemote && !loopback(c.addr) {
		return c, fmt.Errorf("refusing to listen on non-loopback address %q without -allow-remote", c.addr)
	}
	return c, nil
}

// loopback reports whether addr only accepts local connections.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// run starts the sandbox and serves until ctx is done. It prints one line
// with the endpoint URL to stdout once it accepts connections. With -version
// it prints "ecsx-sandbox VERSION" instead and returns.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.version {
		_, err := fmt.Fprintln(stdout, "ecsx-sandbox", version)
		return err
	}
	srv := sandbox.New(cfg.opts)
	if cfg.statePath != "" {
		err := srv.LoadStateFile(cfg.statePath)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// First start: the file is created on the first save.
		case err != nil:
			return fmt.Errorf("cannot load state: %w (move the file away to start empty)", err)
		}
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	fmt.Fprintf(stdout, "ecsx-sandbox listening on http://%s\n", ln.Addr())

	saved := srv.Generation()
	save := func() error {
		if cfg.statePath == "" {
			return nil
		}
		g := srv.Generation()
		if g == saved {
			return nil
		}
		if err := srv.SaveStateFile(cfg.statePath); err != nil {
			return fmt.Errorf("saving state: %w", err)
		}
		saved = g
		return nil
	}
	tick := time.NewTicker(cfg.saveInterval)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if err := save(); err != nil {
				fmt.Fprintln(stderr, "ecsx-sandbox:", err)
			}
		case err := <-serveErr:
			return err
		case <-ctx.Done():
			shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := hs.Shutdown(shutdown); err != nil {
				hs.Close()
			}
			return save()
		}
	}
}
