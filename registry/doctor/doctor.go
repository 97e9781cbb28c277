// Package doctor checks, from a client's side, whether pushes through a
// registry URL will work: whether the URLs the registry hands out (upload
// Location, token realm, Link of a list) keep the scheme, host and port the
// client used. It works against any registry implementing the distribution
// API, this build or upstream's, and depends on the standard library only.
//
// It never sends credentials or data to an origin other than the one it was
// given: a mismatched upload Location is cancelled through the given origin,
// and credentials go to the token realm only when the realm shares that
// origin.
package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Status is the outcome of one check.
type Status string

const (
	OK      Status = "ok"
	Problem Status = "problem" // the registry's URLs will break clients
	Warning Status = "warning" // worth knowing, does not break pushes
	Skipped Status = "skipped" // nothing to check
)

// Check is one line of the checklist.
type Check struct {
	Name   string `json:"name"`
	Status Status `json:"status"`
	Detail string `json:"detail"`
	// Consequence says what clients do about a problem.
	Consequence string `json:"consequence,omitempty"`
	// Fix says what to change.
	Fix string `json:"fix,omitempty"`
}

// Report is the result of a run.
type Report struct {
	URL    string  `json:"url"`
	Checks []Check `json:"checks"`
	// Error, when set, says why the checks could not be completed.
	Error string `json:"error,omitempty"`
}

// Exit codes of the doctor command.
const (
	ExitOK       = 0
	ExitProblem  = 1
	ExitCannotDo = 2
)

// ExitCode is 0 when every check passed, 1 when one found a problem, 2 when
// the checks could not be completed.
func (r *Report) ExitCode() int {
	if r.Error != "" {
		return ExitCannotDo
	}
	for _, c := range r.Checks {
		if c.Status == Problem {
			return ExitProblem
		}
	}
	return ExitOK
}

// Options configure a run.
type Options struct {
	URL        string // the registry URL clients use, e.g. https://registry.example.com
	Repository string // where to start (and cancel) a test upload
	Username   string
	Password   string
	Client     *http.Client
}

// DefaultRepository is where the doctor starts its test upload by default.
const DefaultRepository = "registry-doctor/scratch"

const (
	consequenceURL = "Docker and containerd drop the credentials for a URL whose scheme or host differs from the one they pinged: " +
		"the upload after the POST fails with 401. skopeo, podman and regclient follow it: they send the layer and the credentials to it, " +
		"in cleartext when its scheme is http."
	fixScheme = "Tell the registry the external scheme: set http.forwarded.scheme: https and list your proxies in " +
		"http.forwarded.trustedproxies. Or have the client-facing proxy set X-Forwarded-Proto to its $scheme and the inner proxies pass it on unchanged."
	fixHost = "Have the client-facing proxy pass the Host header on (nginx: proxy_set_header Host $http_host) or set X-Forwarded-Host, " +
		"and list your proxies in http.forwarded.trustedproxies; or set upstream's http.host to the external URL."
)

// Run performs the checks. It returns a report whatever happens; the
// report's Error says when it could not complete.
func Run(ctx context.Context, o Options) *Report {
	r := &Report{URL: o.URL}
	d := &doctor{opts: o, report: r, client: o.Client}
	if d.client == nil {
		d.client = http.DefaultClient
	}
	// Redirects are checks of their own, never followed with credentials.
	c := *d.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	d.client = &c
	if d.opts.Repository == "" {
		d.opts.Repository = DefaultRepository
	}
	if err := d.run(ctx); err != nil {
		r.Error = err.Error()
	}
	return r
}

type doctor struct {
	opts   Options
	report *Report
	client *http.Client
	base   *url.URL
	auth   string // Authorization header value for the given origin
}

func (d *doctor) add(c Check) { d.report.Checks = append(d.report.Checks, c) }

func (d *doctor) run(ctx context.Context) error {
	base, err := url.Parse(strings.TrimRight(d.opts.URL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return fmt.Errorf("%q is not an http or https URL", d.opts.URL)
	}
	d.base = base

	if err := d.authenticate(ctx); err != nil {
		return err
	}
	if err := d.checkUpload(ctx); err != nil {
		return err
	}
	return d.checkTagsLink(ctx)
}

func (d *doctor) do(ctx context.Context, method, target string, auth bool) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, nil)
	if err != nil {
		return nil, err
	}
	if auth && d.auth != "" {
		if !sameOrigin(req.URL, d.base) {
			return nil, fmt.Errorf("refusing to send credentials to %s, another origin than %s", origin(req.URL), origin(d.base))
		}
		req.Header.Set("Authorization", d.auth)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v", method, target, err)
	}
	return resp, nil
}

// authenticate pings /v2/ and follows the challenge.
func (d *doctor) authenticate(ctx context.Context) error {
	ping := d.base.JoinPath("/v2/").String()
	resp, err := d.do(ctx, http.MethodGet, ping, false)
	if err != nil {
		return err
	}
	drain(resp)
	switch resp.StatusCode {
	case http.StatusOK:
		d.add(Check{Name: "api", Status: OK, Detail: "GET /v2/: 200, no authentication"})
		d.add(Check{Name: "realm", Status: Skipped, Detail: "no authentication challenge"})
		return nil
	case http.StatusUnauthorized:
	default:
		return fmt.Errorf("GET %s: status %d, not a registry API root", ping, resp.StatusCode)
	}
	scheme, params := parseChallenge(resp.Header.Get("WWW-Authenticate"))
	switch strings.ToLower(scheme) {
	case "basic":
		d.add(Check{Name: "api", Status: OK, Detail: "GET /v2/: 401, Basic authentication"})
		d.add(Check{Name: "realm", Status: Skipped, Detail: "Basic authentication has no realm URL"})
		if d.opts.Username != "" {
			req := &http.Request{Header: http.Header{}}
			req.SetBasicAuth(d.opts.Username, d.opts.Password)
			d.auth = req.Header.Get("Authorization")
		}
		return nil
	case "bearer":
		d.add(Check{Name: "api", Status: OK, Detail: "GET /v2/: 401, Bearer (token) authentication"})
		return d.fetchToken(ctx, params)
	}
	return fmt.Errorf("GET %s: 401 with an authentication challenge the doctor does not know: %q", ping, resp.Header.Get("WWW-Authenticate"))
}

func (d *doctor) fetchToken(ctx context.Context, params map[string]string) error {
	realm, err := url.Parse(params["realm"])
	if err != nil || realm.Host == "" {
		return fmt.Errorf("the token challenge has no usable realm: %q", params["realm"])
	}
	same := sameOrigin(realm, d.base)
	switch {
	case realm.Scheme != d.base.Scheme:
		d.add(Check{Name: "realm", Status: Problem,
			Detail:      fmt.Sprintf("token realm %s: scheme %s, the registry URL uses %s", realm, realm.Scheme, d.base.Scheme),
			Consequence: "Clients send their credentials to the token realm as written: with http, in cleartext.",
			Fix:         "Set the token realm to the external https URL, or use token autoredirect behind http.forwarded.scheme: https."})
	case !same:
		d.add(Check{Name: "realm", Status: Warning,
			Detail: fmt.Sprintf("token realm %s is on another origin than %s; the doctor does not send credentials there", origin(realm), origin(d.base))})
	default:
		d.add(Check{Name: "realm", Status: OK, Detail: fmt.Sprintf("token realm %s matches", realm)})
	}
	q := realm.Query()
	if s := params["service"]; s != "" {
		q.Set("service", s)
	}
	q.Set("scope", "repository:"+d.opts.Repository+":push,pull")
	realm.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, realm.String(), nil)
	if err != nil {
		return err
	}
	if d.opts.Username != "" && same {
		req.SetBasicAuth(d.opts.Username, d.opts.Password)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("fetching a token: %v", err)
	}
	defer drain(resp)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetching a token from %s: status %d", origin(realm), resp.StatusCode)
	}
	var tok struct {
		Token       string `json:"token"`
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&tok); err != nil {
		return fmt.Errorf("reading the token: %v", err)
	}
	if tok.Token == "" {
		tok.Token = tok.AccessToken
	}
	if tok.Token == "" {
		return errors.New("the token server returned no token")
	}
	d.auth = "Bearer " + tok.Token
	return nil
}

// checkUpload starts an upload, compares its Location with the given origin
// and cancels it.
func (d *doctor) checkUpload(ctx context.Context) error {
	start := d.base.JoinPath("/v2/", d.opts.Repository, "/blobs/uploads/").String()
	start = strings.TrimSuffix(start, "/") + "/"
	resp, err := d.do(ctx, http.MethodPost, start, true)
	if err != nil {
		return err
	}
	drain(resp)
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return fmt.Errorf("POST %s: status %d: give credentials that may push to %s (--username, --password-stdin, --repository)", start, resp.StatusCode, d.opts.Repository)
	}
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("POST %s: status %d, want 202", start, resp.StatusCode)
	}
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil || resp.Header.Get("Location") == "" {
		return fmt.Errorf("POST %s: no usable Location: %q", start, resp.Header.Get("Location"))
	}
	d.compare("upload", "upload Location", loc)

	// Cancel through the given origin, whatever the Location said.
	cancelURL := *d.base
	cancelURL.Path, cancelURL.RawPath, cancelURL.RawQuery = loc.Path, loc.RawPath, loc.RawQuery
	resp, err = d.do(ctx, http.MethodDelete, cancelURL.String(), true)
	if err != nil {
		return err
	}
	drain(resp)
	if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotFound {
		d.add(Check{Name: "cancel", Status: Warning, Detail: fmt.Sprintf("DELETE of the test upload: status %d; it expires with upload purging", resp.StatusCode)})
	} else {
		d.add(Check{Name: "cancel", Status: OK, Detail: "test upload cancelled"})
	}
	return nil
}

// checkTagsLink reads the repository's tag list page by page, when there is
// one, and compares the Link of the next page.
func (d *doctor) checkTagsLink(ctx context.Context) error {
	list := d.base.JoinPath("/v2/", d.opts.Repository, "/tags/list").String() + "?n=1"
	resp, err := d.do(ctx, http.MethodGet, list, true)
	if err != nil {
		return err
	}
	drain(resp)
	link := resp.Header.Get("Link")
	if resp.StatusCode != http.StatusOK || link == "" {
		d.add(Check{Name: "link", Status: Skipped, Detail: fmt.Sprintf("tags list of %s: status %d, no Link to check", d.opts.Repository, resp.StatusCode)})
		return nil
	}
	target := strings.TrimSpace(link)
	if i := strings.IndexByte(target, '>'); strings.HasPrefix(target, "<") && i > 0 {
		target = target[1:i]
	}
	u, err := resp.Request.URL.Parse(target)
	if err != nil {
		d.add(Check{Name: "link", Status: Problem, Detail: fmt.Sprintf("tags list Link %q does not parse", link)})
		return nil
	}
	d.compare("link", "tags list Link", u)
	return nil
}

// compare adds a check of u's origin against the given one.
func (d *doctor) compare(name, what string, u *url.URL) {
	switch {
	case u.Scheme != d.base.Scheme:
		d.add(Check{Name: name, Status: Problem,
			Detail:      fmt.Sprintf("%s %s: scheme %s, the registry URL uses %s", what, origin(u), u.Scheme, d.base.Scheme),
			Consequence: consequenceURL, Fix: fixScheme})
	case !sameOrigin(u, d.base):
		d.add(Check{Name: name, Status: Problem,
			Detail:      fmt.Sprintf("%s %s: host %s, the registry URL uses %s", what, origin(u), hostPort(u), hostPort(d.base)),
			Consequence: consequenceURL, Fix: fixHost})
	default:
		d.add(Check{Name: name, Status: OK, Detail: fmt.Sprintf("%s %s matches", what, origin(u))})
	}
}

// sameOrigin compares scheme, host and port, with default ports normalized.
func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(hostPort(a), hostPort(b))
}

// hostPort returns host:port with the scheme's default port filled in.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if strings.EqualFold(u.Scheme, "https") {
			port = "443"
		}
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func origin(u *url.URL) string { return u.Scheme + "://" + u.Host }

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// parseChallenge splits a WWW-Authenticate value into its scheme and
// parameters (only the first challenge is read).
func parseChallenge(h string) (string, map[string]string) {
	scheme, rest, _ := strings.Cut(strings.TrimSpace(h), " ")
	params := map[string]string{}
	for rest != "" {
		rest = strings.TrimLeft(rest, " ,")
		key, after, ok := strings.Cut(rest, "=")
		if !ok {
			break
		}
		var value string
		if strings.HasPrefix(after, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(after) && after[i] != '"'; i++ {
				if after[i] == '\\' && i+1 < len(after) {
					i++
				}
				b.WriteByte(after[i])
			}
			value, rest = b.String(), after[min(i+1, len(after)):]
		} else {
			value, rest, _ = strings.Cut(after, ",")
		}
		params[strings.ToLower(strings.TrimSpace(key))] = strings.TrimSpace(value)
	}
	return scheme, params
}

// WriteText prints the report as a checklist.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "registry doctor %s\n", r.URL)
	for _, c := range r.Checks {
		mark := map[Status]string{OK: "ok", Problem: "PROBLEM", Warning: "warning", Skipped: "skipped"}[c.Status]
		fmt.Fprintf(w, "  [%s] %s\n", mark, c.Detail)
		if c.Consequence != "" {
			fmt.Fprintf(w, "      what clients do: %s\n", c.Consequence)
		}
		if c.Fix != "" {
			fmt.Fprintf(w, "      likely fix: %s\n", c.Fix)
		}
	}
	switch r.ExitCode() {
	case ExitOK:
		fmt.Fprintln(w, "result: pushes through this URL will work")
	case ExitProblem:
		fmt.Fprintln(w, "result: problems found")
	default:
		fmt.Fprintf(w, "result: could not check: %s\n", r.Error)
	}
}
