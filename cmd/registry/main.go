// Command registry is upstream Distribution's registry binary with one
// addition: the origin of every request (scheme, host, client address) is
// resolved from the http.forwarded policy before the registry sees it, so the
// URLs it hands out are right behind any chain of proxies and cannot be
// steered by clients; and one subcommand, `registry doctor <url>`, which
// checks from a client's side whether pushes through a URL will work and
// whether a client's forwarding headers can steer the URLs it gets.
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
	"runtime"
	"sync"

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
	"github.com/distribution/distribution/v3/version"
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
	logrus.AddHook(upstreamFields)
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
	logger := logrus.StandardLogger()
	log := logger.WithFields(upstreamFields.take(logger, config))
	if policy.Strict {
		log.Infof("http.forwarded: %s", policy)
		if config.HTTP.Host != "" {
			log.Infof("http.forwarded: http.host %s is set, so generated URLs use it; the policy still sets client addresses and allowed hosts", config.HTTP.Host)
		}
	} else {
		log.Warnf("http.forwarded is not configured: forwarding headers are believed from any client, as upstream does; set http.forwarded.trustedproxies to restrict them")
	}
	return forwardedhandler.New(policy, config.HTTP.Prefix, logger, next)
}

// upstreamFields learns the standard fields of upstream's log lines, so that
// the startup lines above carry them too: go.version, instance.id, version,
// and the log.fields of the configuration (service, say). Upstream keeps
// its logger, and the instance id, in an internal package; its own entries,
// which it writes while it builds the application (before wrap runs), are
// the one public place they show. When none was written at the configured
// level, the fields known without it are used, and instance.id is missing.
var upstreamFields = &fieldCatcher{}

type fieldCatcher struct {
	mu     sync.Mutex
	fields logrus.Fields
}

func (c *fieldCatcher) Levels() []logrus.Level { return logrus.AllLevels }

func (c *fieldCatcher) Fire(e *logrus.Entry) error {
	if _, ok := e.Data["instance.id"]; !ok {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fields == nil {
		c.fields = make(logrus.Fields, len(e.Data))
		for k, v := range e.Data {
			c.fields[k] = v
		}
	}
	return nil
}

// take returns the standard fields and removes the hook from logger: only
// the startup lines need it.
func (c *fieldCatcher) take(logger *logrus.Logger, config *configuration.Configuration) logrus.Fields {
	hooks := make(logrus.LevelHooks)
	for level, list := range logger.Hooks {
		for _, h := range list {
			if h != logrus.Hook(c) {
				hooks[level] = append(hooks[level], h)
			}
		}
	}
	logger.ReplaceHooks(hooks)

	fields := logrus.Fields{"go.version": runtime.Version(), "version": version.Version()}
	for k, v := range config.Log.Fields {
		fields[k] = v
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range fields {
		if v, ok := c.fields[k]; ok {
			fields[k] = v
		}
	}
	if v, ok := c.fields["instance.id"]; ok {
		fields["instance.id"] = v
	}
	return fields
}
