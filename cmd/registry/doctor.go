package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/proxyaware/registry/registry/doctor"
)

var doctorFlags struct {
	username      string
	passwordStdin bool
	repository    string
	cacert        string
	insecure      bool
	json          bool
	timeout       time.Duration
}

// doctorCmd checks from the client's side whether pushes through a URL will
// work, and whether a client can steer the URLs the registry hands out.
var doctorCmd = &cobra.Command{
	Use:   "doctor <url>",
	Short: "`doctor` checks whether pushes through a registry URL will work and whether clients can steer its URLs",
	Long: "`doctor` starts an upload at the registry URL clients use and checks that the URLs the registry\n" +
		"hands back (upload Location, token realm, tags list Link) keep that scheme, host and port.\n" +
		"Then it repeats those requests with forwarding headers a client could send (X-Forwarded-Host,\n" +
		"X-Forwarded-Proto, Forwarded), carrying canary values, and reports every header whose canary\n" +
		"comes back in a URL. It cancels its uploads, never requests a URL a response names, and sends\n" +
		"credentials only to the given URL and to an https token realm. It works against any registry.\n" +
		"A green run ends with what no response shows a client (the client address the registry logs,\n" +
		"notifications, trace spans) and how to check each on the registry's side.\n" +
		"Exit status: 0 all checks pass, 1 a problem was found (the registry refusing the URL's host\n" +
		"included), 2 the checks could not be completed.",
	Args: cobra.ExactArgs(1),
	Run: func(cmd *cobra.Command, args []string) {
		os.Exit(runDoctor(args[0]))
	},
}

func init() {
	f := doctorCmd.Flags()
	f.StringVarP(&doctorFlags.username, "username", "u", "", "user name for the registry")
	f.BoolVar(&doctorFlags.passwordStdin, "password-stdin", false, "read the password from standard input")
	f.StringVar(&doctorFlags.repository, "repository", doctor.DefaultRepository, "repository to start (and cancel) the test uploads in")
	f.StringVar(&doctorFlags.cacert, "cacert", "", "PEM file of CA certificates to trust")
	f.BoolVar(&doctorFlags.insecure, "insecure-skip-verify", false, "do not verify the registry's TLS certificate")
	f.BoolVar(&doctorFlags.json, "json", false, "print the report as JSON")
	f.DurationVar(&doctorFlags.timeout, "timeout", 30*time.Second, "time allowed for all checks")
}

func runDoctor(target string) int {
	fail := func(format string, args ...any) int {
		fmt.Fprintf(os.Stderr, "registry doctor: "+format+"\n", args...)
		return doctor.ExitCannotDo
	}
	opts := doctor.Options{URL: target, Repository: doctorFlags.repository, Username: doctorFlags.username}
	if doctorFlags.passwordStdin {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fail("reading the password from standard input: %v", err)
		}
		opts.Password = strings.TrimRight(line, "\r\n")
	}
	tlsConfig := &tls.Config{InsecureSkipVerify: doctorFlags.insecure} // #nosec G402 -- only on request
	if doctorFlags.cacert != "" {
		pem, err := os.ReadFile(doctorFlags.cacert)
		if err != nil {
			return fail("%v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return fail("%s holds no PEM certificate", doctorFlags.cacert)
		}
		tlsConfig.RootCAs = pool
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.TLSClientConfig = tlsConfig
	opts.Client = &http.Client{Transport: transport}

	ctx, cancel := context.WithTimeout(context.Background(), doctorFlags.timeout)
	defer cancel()
	report := doctor.Run(ctx, opts)
	if doctorFlags.json {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(struct {
			*doctor.Report
			Result   string `json:"result"`
			ExitCode int    `json:"exitcode"`
		}{report, report.Summary(), report.ExitCode()})
	} else {
		report.WriteText(os.Stdout)
	}
	return report.ExitCode()
}
