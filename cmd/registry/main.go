// Command registry is Distribution's registry binary, built from v3.1.2 with
// the patch stack in docs/upstream applied (vendor/ holds that build), plus
// one subcommand, `registry doctor <url>`, which checks from a client's side
// whether pushes through a URL will work and whether a client's forwarding
// headers can steer the URLs it gets. Everything else (subcommands, flags,
// storage drivers, auth backends, middleware, the pull-through proxy, and
// the http.forwarded policy itself) is the stack's.
package main

import (
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
)

// The stack adds configuration.Forwarded. Naming it here makes a build
// against unpatched Distribution (`go install ...@latest`, or a bare
// `go mod vendor`) fail to compile rather than serve without the policy.
var _ configuration.Forwarded

func main() {
	registry.RootCmd.AddCommand(doctorCmd)
	if err := registry.RootCmd.Execute(); err != nil {
		os.Exit(1)
	}
}
