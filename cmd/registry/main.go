// Command registry is upstream Distribution's registry binary with one
// addition: the origin of every request (scheme, host, client address) is
// resolved from the http.forwarded policy before the registry sees it, so the
// URLs it hands out are right behind any chain of proxies and cannot be
// steered by clients; and one subcommand, `registry doctor <url>`, which
// checks from a client's side whether pushes through a URL will work.
// Everything else (subcommands, flags, storage drivers, auth backends,
// middleware, the pull-through proxy) is upstream's.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	_ "net/http/pprof"
	"os"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/registry"
	_ "github.com/distribution/distribution/v3/registry/auth/htpasswd"
	_ "github.com/distribution/distribution/v3/registry/auth/silly"
	_ "github.com/distribution/distribution/v3/registry/auth/token"
	_ "github.com/distribution/distribution/v3/registry/proxy"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/azure"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/filesystem"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/gcs"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/inmemory"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/middleware/cloudfront"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/middleware/redirect"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/middleware/rewrite"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/s3-aws"
	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/proxyaware/registry/registry/forwarded"
	"github.com/proxyaware/registry/registry/forwardedconfig"
	"github.com/proxyaware/registry/registry/forwardedhandler"
)

// policy is loaded before `serve` runs and applied when upstream builds its
// handler chain.
var policy = &forwarded.Policy{}

func main() {
	registry.ServeCmd.PreRun = loadPolicy
	registry.RegisterHandler(wrap)
	registry.RootCmd.AddCommand(doctorCmd)
	if err := registry.RootCmd.Execute(); err != nil {
		os.Exit(1)
	}
}

// loadPolicy reads http.forwarded from the same file `serve` reads, and stops
// with status 1 on a bad value, before anything listens. A missing or
// unreadable file is left to upstream's own check, which reports it the same
// way.
func loadPolicy(cmd *cobra.Command, args []string) {
	path := os.Getenv("REGISTRY_CONFIGURATION_PATH")
	if len(args) > 0 {
		path = args[0]
	}
	if path == "" {
		return
	}
	p, err := forwardedconfig.LoadFile(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "configuration error: %v\n", err)
		os.Exit(1)
	}
	policy = p
}

// wrap runs once, after upstream has configured logging, as the outermost
// handler inside the tracing one.
func wrap(config *configuration.Configuration, next http.Handler) http.Handler {
	log := logrus.StandardLogger()
	if policy.Strict {
		log.Infof("http.forwarded: %s", policy)
		if config.HTTP.Host != "" {
			log.Infof("http.forwarded: http.host %s is set, so generated URLs use it; the policy still sets client addresses and allowed hosts", config.HTTP.Host)
		}
	} else {
		log.Warnf("http.forwarded is not configured: forwarding headers are believed from any client, as upstream does; set http.forwarded.trustedproxies to restrict them")
	}
	return forwardedhandler.New(policy, config.HTTP.Prefix, log, next)
}
