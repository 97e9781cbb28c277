// Package doctor checks, from a client's side, whether pushes through a
// registry URL will work and whether a client can steer the URLs the
// registry hands out. It works against any registry implementing the
// distribution API, this build or upstream's, and depends on the standard
// library only.
//
// The clean checks compare the URLs the registry hands out (upload
// Location, token realm, Link of a list) with the scheme, host and port the
// client used. The steering probe then repeats the /v2/ challenge, the
// upload start and the list with forwarding headers a client could send,
// carrying canary values (hosts under .invalid, the scheme opposite to the
// URL's, addresses from the documentation ranges), and reports every header
// whose canary comes back in a URL.
//
// Credentials go to the given origin and to a token realm on https, nowhere
// else: never to an http realm, never to a URL a response names. Uploads are
// cancelled through the given origin whatever their Location says, and no
// URL carrying a canary is ever requested.
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
	"time"
)

// Verdict is the outcome of one check.
type Verdict string

const (
	OK      Verdict = "ok"
	Problem Verdict = "problem" // pushes break, or a client can steer URLs
	Warning Verdict = "warning" // worth knowing, breaks nothing by itself
	Skipped Verdict = "skipped" // nothing to check, or nothing a client can see
)

// Names of the checks, in the order a run reports them.
const (
	CheckAPI             = "api"
	CheckRealm           = "realm"
	CheckUpload          = "upload"
	CheckLink            = "link"
	CheckXForwardedHost  = "steer-x-forwarded-host"
	CheckXForwardedProto = "steer-x-forwarded-proto"
	CheckForwardedHost   = "steer-forwarded-host"
	CheckForwardedProto  = "steer-forwarded-proto"
	CheckClientAddress   = "client-address"
	CheckCancel          = "cancel"
)

// CheckNames lists every check a run can report.
var CheckNames = []string{
	CheckAPI, CheckRealm, CheckUpload, CheckLink,
	CheckXForwardedHost, CheckXForwardedProto, CheckForwardedHost, CheckForwardedProto,
	CheckClientAddress, CheckCancel,
}

// Check is one line of the checklist: a name, a verdict and one line of
// explanation, with what it means and what to change when it is a problem.
type Check struct {
	Name    string  `json:"name"`
	Verdict Verdict `json:"verdict"`
	Detail  string  `json:"detail"`
	// Consequence says what clients do, or can do, about a problem.
	Consequence string `json:"consequence,omitempty"`
	// Fix says what to change.
	Fix string `json:"fix,omitempty"`
}

// Report is the result of a run.
type Report struct {
	URL    string  `json:"url"`
	Checks []Check `json:"checks"`
	// NotChecked lists, after a run whose checks completed, what the
	// registry does with a request that no client can see, with how to
	// check each on the registry's side.
	NotChecked []Unchecked `json:"notchecked,omitempty"`
	// Error, when set, says why the checks could not be completed.
	Error string `json:"error,omitempty"`
}

// Unchecked is a property of the registry that no response shows a client,
// and how an operator checks it.
type Unchecked struct {
	What string `json:"what"`
	How  string `json:"how"`
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
		if c.Verdict == Problem {
			return ExitProblem
		}
	}
	return ExitOK
}

// Options configure a run.
type Options struct {
	URL        string // the registry URL clients use, e.g. https://registry.example.com
	Repository string // where to start (and cancel) test uploads
	Username   string
	Password   string
	Client     *http.Client
}

// DefaultRepository is where the doctor starts its test uploads by default.
const DefaultRepository = "registry-doctor/scratch"

const (
	guide = `see "Trusting a proxy means trusting it to overwrite or append correctly" in docs/reference.md`

	consequenceURL = "Docker and containerd drop the credentials for a URL whose scheme or host differs from the one they pinged: " +
		"the upload after the POST fails with 401. skopeo, podman and regclient follow it: they send the layer and the credentials to it, " +
		"in cleartext when its scheme is http."
	fixScheme = "State the external scheme: http.forwarded.scheme: https. If the client-facing proxy passes the forwarding " +
		"headers clients send through, trust no proxy (http.forwarded.trustedproxies: []) and set http.forwarded.allowedhosts; " +
		"list proxies only once it overwrites them (" + guide + "). On upstream's registry: have the client-facing proxy set " +
		"X-Forwarded-Proto to its $scheme and the inner proxies pass it on."
	fixHost = "Have every proxy pass the client's Host header on (nginx: proxy_set_header Host $http_host): with " +
		"http.forwarded.trustedproxies: [] and allowedhosts the registry uses it. Trust proxies only if the client-facing one " +
		"overwrites X-Forwarded-Host (" + guide + "). Or set http.host to the external URL."
)

// Run performs the checks. It returns a report whatever happens; the
// report's Error says when it could not complete.
func Run(ctx context.Context, o Options) *Report {
	r := &Report{URL: o.URL}
	d := &doctor{opts: o, report: r, client: o.Client}
	if d.client == nil {
		d.client = http.DefaultClient
	}
	// Redirects are checks of their own, never followed.
	c := *d.client
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	d.client = &c
	if d.opts.Repository == "" {
		d.opts.Repository = DefaultRepository
	}
	if err := d.run(ctx); err != nil && !errors.Is(err, errRefused) {
		r.Error = oneLine(err.Error())
	}
	if r.ExitCode() == ExitOK {
		r.NotChecked = d.notChecked()
	}
	return r
}

// notChecked is what a green run leaves open: what the registry does with a
// request that no response shows, and how to check it on the registry.
func (d *doctor) notChecked() []Unchecked {
	base := d.base.String()
	return []Unchecked{
		{What: "the client address in the access log, request logs and notifications' request.addr",
			How: fmt.Sprintf("from a client whose address you know, run "+
				"curl -s -o /dev/null -H 'X-Forwarded-For: 192.0.2.1' %s/v2/ and find the request in the registry's "+
				"access log: its first field must be that client's address, or your nearest proxy's when no proxy is trusted, "+
				"never 192.0.2.1. Likewise no line may start with this run's X-Forwarded-For: %s or Forwarded: for=%s",
				base, d.canaries.xfFor, d.canaries.fwdFor)},
		{What: "notifications' request.host, and trace spans' client.address and server.address",
			How: "they come from the same resolution as the access log's address and the URLs checked above: " +
				"when both are right, so are they; to see it, read the event of one push through this URL at your endpoint"},
		{What: "what the registry refused",
			How: "the counter registry_forwarded_refused_total on the debug server (http.debug.addr, with " +
				"http.debug.prometheus.enabled): untrusted_peer rising with requests from your own proxies means one is missing " +
				"from trustedproxies. A registry without the counter is not this build: upstream's registry:3, relativeurls " +
				"or not, logs any client's X-Forwarded-For"},
	}
}

// errRefused ends a run whose requests the registry refuses for their host:
// a check says so, and the rest cannot be done.
var errRefused = errors.New("the registry refuses this URL's host")

type doctor struct {
	opts   Options
	report *Report
	client *http.Client
	base   *url.URL
	auth   string // Authorization header value for the given origin

	canaries  canaries // the steering probe's values
	challenge string   // "none", "basic" or "bearer"
	service   string   // the token challenge's service
	noToken   string   // why there is no token to push with, when there is none
	// What the requests without canaries got.
	clean struct{ realm, location, link *url.URL }
	// uploads are the started uploads, as path and query, to cancel
	// through the given origin.
	uploads []*url.URL
}

func (d *doctor) add(c Check) {
	c.Detail = oneLine(c.Detail)
	d.report.Checks = append(d.report.Checks, c)
}

func (d *doctor) run(ctx context.Context) error {
	base, err := url.Parse(strings.TrimRight(d.opts.URL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" || base.User != nil {
		return fmt.Errorf("%q is not an http or https URL", d.opts.URL)
	}
	base.RawQuery, base.Fragment = "", ""
	d.base = base
	defer d.cancelUploads(ctx)

	if err := d.authenticate(ctx); err != nil {
		return err
	}
	if err := d.checkUpload(ctx); err != nil {
		return err
	}
	if err := d.checkTagsLink(ctx); err != nil {
		return err
	}
	return d.probeSteering(ctx)
}

// hostRefusal reads the registry error of a 400 answer: HOST_NOT_ALLOWED or
// HOST_INVALID, which this build returns under http.forwarded for a host it
// does not answer to, or "" for any other answer.
func hostRefusal(resp *http.Response, body []byte) string {
	if resp.StatusCode != http.StatusBadRequest {
		return ""
	}
	var e struct {
		Errors []struct {
			Code string `json:"code"`
		} `json:"errors"`
	}
	if json.Unmarshal(body, &e) != nil || len(e.Errors) == 0 {
		return ""
	}
	switch code := e.Errors[0].Code; code {
	case "HOST_NOT_ALLOWED", "HOST_INVALID":
		return code
	}
	return ""
}

// refused adds the check for a registry that refuses the given URL's host,
// which it does for every API request through that URL.
func (d *doctor) refused(what, code string) {
	host := d.base.Host
	c := Check{Name: CheckAPI, Verdict: Problem,
		Consequence: "Every API request through this URL gets 400 Bad Request, and clients do not say why " +
			"(skopeo: invalid status code from registry 400 (Bad Request)); the registry logs the reason at debug level only."}
	if code == "HOST_INVALID" {
		c.Detail = fmt.Sprintf("%s: 400 HOST_INVALID: the registry found no valid host[:port] for the request: the Host "+
			"the doctor sent, %s, is not one, and no trusted proxy supplied one", what, host)
		c.Fix = "Use the registry's name or address in the URL, with a port from 1 to 65535 if any (valid hosts: " +
			"docs/configuration.md). If a proxy on the way rewrites or drops the Host header, have it pass the client's on " +
			"(nginx: proxy_set_header Host $http_host)."
		d.add(c)
		return
	}
	c.Detail = fmt.Sprintf("%s: 400 HOST_NOT_ALLOWED: http.forwarded.allowedhosts refuses %s", what, host)
	c.Fix = fmt.Sprintf("Add %s to http.forwarded.allowedhosts", host)
	if port := d.base.Port(); port != "" && port != defaultPort(d.base.Scheme) {
		c.Fix += fmt.Sprintf(": an entry without a port allows only the scheme's default port (%s for %s), so %s "+
			"does not cover port %s (%s:* covers any port)",
			defaultPort(d.base.Scheme), d.base.Scheme, d.base.Hostname(), port, d.base.Hostname())
	} else {
		c.Fix += " (an entry without a port allows only the scheme's default port)"
	}
	c.Fix += ". If a trusted proxy writes X-Forwarded-Host or Forwarded host=, list the host it writes."
	if !strings.EqualFold(d.base.Scheme, "https") {
		// The port is judged against the scheme of the registry's URLs,
		// which a configured scheme: https makes https whatever the URL.
		c.Fix += " With http.forwarded.scheme: https the default port is 443, even for this http URL: check the URL clients use, not the registry's own address."
	}
	d.add(c)
}

func defaultPort(scheme string) string {
	if strings.EqualFold(scheme, "https") {
		return "443"
	}
	return "80"
}

// do sends a request to the given origin; auth adds the credentials, extra
// headers go along (the steering probe's canaries).
func (d *doctor) do(ctx context.Context, method, target string, auth bool, extra http.Header) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, nil)
	if err != nil {
		return nil, err
	}
	if !sameOrigin(req.URL, d.base) {
		// Every request but the token fetch goes to the given origin.
		return nil, fmt.Errorf("refusing to send a request to %s, another origin than %s", origin(req.URL), origin(d.base))
	}
	for k, v := range extra {
		req.Header[k] = v
	}
	if auth && d.auth != "" {
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
	resp, err := d.do(ctx, http.MethodGet, ping, false, nil)
	if err != nil {
		return err
	}
	body := readSome(resp)
	if code := hostRefusal(resp, body); code != "" {
		d.refused("GET /v2/", code)
		return errRefused
	}
	switch resp.StatusCode {
	case http.StatusOK:
		d.challenge = "none"
		d.add(Check{Name: CheckAPI, Verdict: OK, Detail: "GET /v2/: 200, no authentication"})
		d.add(Check{Name: CheckRealm, Verdict: Skipped, Detail: "no authentication challenge"})
		return nil
	case http.StatusUnauthorized:
	default:
		return fmt.Errorf("GET %s: status %d, not a registry API root", ping, resp.StatusCode)
	}
	scheme, params := parseChallenge(resp.Header.Get("WWW-Authenticate"))
	switch strings.ToLower(scheme) {
	case "basic":
		d.challenge = "basic"
		d.add(Check{Name: CheckAPI, Verdict: OK, Detail: "GET /v2/: 401, Basic authentication"})
		d.add(Check{Name: CheckRealm, Verdict: Skipped, Detail: "Basic authentication has no realm URL"})
		if d.opts.Username != "" {
			req := &http.Request{Header: http.Header{}}
			req.SetBasicAuth(d.opts.Username, d.opts.Password)
			d.auth = req.Header.Get("Authorization")
		}
		return nil
	case "bearer":
		d.challenge = "bearer"
		d.add(Check{Name: CheckAPI, Verdict: OK, Detail: "GET /v2/: 401, Bearer (token) authentication"})
		return d.fetchToken(ctx, params)
	}
	return fmt.Errorf("GET %s: 401 with an authentication challenge the doctor does not know: %q", ping, resp.Header.Get("WWW-Authenticate"))
}

// fetchToken judges the token realm and, when it is https, asks it for a
// token with the credentials, as Docker and containerd do, wherever it is.
func (d *doctor) fetchToken(ctx context.Context, params map[string]string) error {
	realm, err := url.Parse(params["realm"])
	if err != nil || realm.Host == "" || (realm.Scheme != "http" && realm.Scheme != "https") {
		return fmt.Errorf("the token challenge has no usable realm: %q", params["realm"])
	}
	clean := *realm
	d.clean.realm = &clean
	switch {
	case realm.Scheme != "https":
		d.add(Check{Name: CheckRealm, Verdict: Problem,
			Detail: fmt.Sprintf("token realm %s is http: the doctor sends no credentials there", realm.Redacted()),
			Consequence: "Docker, containerd, skopeo and the other clients send the user name and password to the token realm " +
				"as written: over http they cross the network in cleartext.",
			Fix: "Serve the token realm over https and set auth.token.realm to its https URL; with auth.token.autoredirect " +
				"behind a TLS-terminating proxy, set http.forwarded.scheme: https."})
		d.noToken = "no token: the doctor sends no credentials to an http token realm"
		return nil
	case sameOrigin(realm, d.base):
		d.add(Check{Name: CheckRealm, Verdict: OK, Detail: fmt.Sprintf("token realm %s is on the registry URL's origin", realm.Redacted())})
	default:
		d.add(Check{Name: CheckRealm, Verdict: OK,
			Detail: fmt.Sprintf("token realm %s is on its own origin, over https: credentials go there, as Docker and containerd send them", realm.Redacted())})
	}
	d.service = params["service"]
	tok, err := d.requestToken(ctx, "repository:"+d.opts.Repository+":pull,push")
	if err != nil {
		return err
	}
	d.auth = "Bearer " + tok
	return nil
}

// requestToken asks the token realm of the clean challenge, which is https
// (fetchToken made sure), for a token of scope, with the credentials.
func (d *doctor) requestToken(ctx context.Context, scope string) (string, error) {
	realm := *d.clean.realm
	q := realm.Query()
	if d.service != "" {
		q.Set("service", d.service)
	}
	q.Set("scope", scope)
	realm.RawQuery = q.Encode()
	realm.Fragment = ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, realm.String(), nil)
	if err != nil {
		return "", err
	}
	if d.opts.Username != "" {
		req.SetBasicAuth(d.opts.Username, d.opts.Password)
	}
	resp, err := d.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("fetching a token from %s: %v", origin(&realm), err)
	}
	defer drain(resp)
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("fetching a token from %s: status %d", origin(&realm), resp.StatusCode)
	}
	var tok struct {
		Token       string `json:"token"`
		AccessToken string `json:"access_token"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&tok); err != nil {
		return "", fmt.Errorf("reading the token: %v", err)
	}
	if tok.Token == "" {
		tok.Token = tok.AccessToken
	}
	if tok.Token == "" {
		return "", errors.New("the token server returned no token")
	}
	return tok.Token, nil
}

// uploadStart is the URL that starts an upload in the test repository.
func (d *doctor) uploadStart() string {
	start := d.base.JoinPath("/v2/", d.opts.Repository, "/blobs/uploads/").String()
	return strings.TrimSuffix(start, "/") + "/"
}

// tagsList is the URL of the first page of the test repository's tags.
func (d *doctor) tagsList() string {
	return d.base.JoinPath("/v2/", d.opts.Repository, "/tags/list").String() + "?n=1"
}

// checkUpload starts an upload and compares its Location with the given
// origin. The upload is cancelled at the end of the run.
func (d *doctor) checkUpload(ctx context.Context) error {
	if d.noToken != "" {
		d.add(Check{Name: CheckUpload, Verdict: Skipped, Detail: "not checked: " + d.noToken})
		return nil
	}
	start := d.uploadStart()
	resp, err := d.do(ctx, http.MethodPost, start, true, nil)
	if err != nil {
		return err
	}
	body := readSome(resp)
	if code := hostRefusal(resp, body); code != "" {
		d.refused("POST /v2/"+d.opts.Repository+"/blobs/uploads/", code)
		return errRefused
	}
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return fmt.Errorf("POST %s: status %d: give credentials that may push to %s (--username, --password-stdin, --repository)", start, resp.StatusCode, d.opts.Repository)
	}
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("POST %s: status %d, want 202", start, resp.StatusCode)
	}
	loc, err := d.location(resp)
	if err != nil {
		return fmt.Errorf("POST %s: %v", start, err)
	}
	d.clean.location = loc
	d.compare(CheckUpload, "upload Location", loc)
	return nil
}

// location reads an upload start's Location, resolved against the request,
// and keeps its path and query to cancel the upload.
func (d *doctor) location(resp *http.Response) (*url.URL, error) {
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil || resp.Header.Get("Location") == "" {
		return nil, fmt.Errorf("no usable Location: %q", resp.Header.Get("Location"))
	}
	d.uploads = append(d.uploads, &url.URL{Path: loc.Path, RawPath: loc.RawPath, RawQuery: loc.RawQuery})
	return loc, nil
}

// cancelUploads deletes every upload the run started, through the given
// origin whatever their Location said, and reports how that went.
func (d *doctor) cancelUploads(ctx context.Context) {
	if len(d.uploads) == 0 {
		return
	}
	// Even when the run's time is up: uploads left behind take space
	// until upload purging removes them.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	var failed []string
	for i, u := range d.uploads {
		target := *d.base
		target.Path, target.RawPath, target.RawQuery = u.Path, u.RawPath, u.RawQuery
		resp, err := d.do(ctx, http.MethodDelete, target.String(), true, nil)
		if err == nil && i == 0 && resp.StatusCode == http.StatusUnauthorized && d.challenge == "bearer" {
			// A token registry wants the delete action for a DELETE;
			// ask the same realm for it, as a client would.
			drain(resp)
			var tok string
			if tok, err = d.requestToken(ctx, "repository:"+d.opts.Repository+":pull,push,delete"); err == nil {
				d.auth = "Bearer " + tok
				resp, err = d.do(ctx, http.MethodDelete, target.String(), true, nil)
			}
		}
		if err != nil {
			failed = append(failed, err.Error())
			continue
		}
		drain(resp)
		if resp.StatusCode != http.StatusNoContent && resp.StatusCode != http.StatusNotFound {
			failed = append(failed, fmt.Sprintf("status %d", resp.StatusCode))
		}
	}
	n := len(d.uploads)
	if len(failed) > 0 {
		d.add(Check{Name: CheckCancel, Verdict: Warning,
			Detail: fmt.Sprintf("DELETE of %d of %d test uploads failed (%s); they expire with upload purging", len(failed), n, strings.Join(failed, "; "))})
		return
	}
	d.add(Check{Name: CheckCancel, Verdict: OK, Detail: fmt.Sprintf("%d test %s cancelled", n, plural(n, "upload", "uploads"))})
}

// checkTagsLink reads the first page of the repository's tag list, when
// there is one, and compares the Link of the next page.
func (d *doctor) checkTagsLink(ctx context.Context) error {
	if d.noToken != "" {
		d.add(Check{Name: CheckLink, Verdict: Skipped, Detail: "not checked: " + d.noToken})
		return nil
	}
	resp, err := d.do(ctx, http.MethodGet, d.tagsList(), true, nil)
	if err != nil {
		return err
	}
	drain(resp)
	link := resp.Header.Get("Link")
	if resp.StatusCode != http.StatusOK || link == "" {
		d.add(Check{Name: CheckLink, Verdict: Skipped, Detail: fmt.Sprintf("tags list of %s: status %d, no Link to check", d.opts.Repository, resp.StatusCode)})
		return nil
	}
	u, err := linkTarget(resp)
	if err != nil {
		d.add(Check{Name: CheckLink, Verdict: Problem, Detail: fmt.Sprintf("tags list Link %q does not parse", link)})
		return nil
	}
	d.clean.link = u
	d.compare(CheckLink, "tags list Link", u)
	return nil
}

// linkTarget reads the URL of a Link header, resolved against the request.
func linkTarget(resp *http.Response) (*url.URL, error) {
	target := strings.TrimSpace(resp.Header.Get("Link"))
	if i := strings.IndexByte(target, '>'); strings.HasPrefix(target, "<") && i > 0 {
		target = target[1:i]
	}
	return resp.Request.URL.Parse(target)
}

// compare adds a check of u's origin against the given one.
func (d *doctor) compare(name, what string, u *url.URL) {
	switch {
	case u.Scheme != d.base.Scheme:
		d.add(Check{Name: name, Verdict: Problem,
			Detail:      fmt.Sprintf("%s %s: scheme %s, the registry URL uses %s", what, origin(u), u.Scheme, d.base.Scheme),
			Consequence: consequenceURL, Fix: fixScheme})
	case !sameOrigin(u, d.base):
		d.add(Check{Name: name, Verdict: Problem,
			Detail:      fmt.Sprintf("%s %s: host %s, the registry URL uses %s", what, origin(u), hostPort(u), hostPort(d.base)),
			Consequence: consequenceURL, Fix: fixHost})
	default:
		d.add(Check{Name: name, Verdict: OK, Detail: fmt.Sprintf("%s %s matches", what, origin(u))})
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
		port = defaultPort(u.Scheme)
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func origin(u *url.URL) string { return u.Scheme + "://" + u.Host }

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// oneLine keeps an explanation on one line whatever text it quotes.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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

// Summary is the report's conclusion in one line.
func (r *Report) Summary() string {
	switch r.ExitCode() {
	case ExitOK:
		s := "pushes through this URL will work, and no forwarding header a client sends changed its URLs"
		if len(r.NotChecked) > 0 {
			s += "; what no client can see is not checked (below)"
		}
		var warned []string
		for _, c := range r.Checks {
			if c.Verdict == Warning {
				warned = append(warned, c.Name)
			}
		}
		if len(warned) > 0 {
			s += "; see the warnings (" + strings.Join(warned, ", ") + ")"
		}
		return s
	case ExitCannotDo:
		return "could not check: " + r.Error
	}
	var push, steer []string
	for _, c := range r.Checks {
		if c.Verdict != Problem {
			continue
		}
		if c.Name == CheckAPI {
			return "problems found: the registry refuses every API request through this URL for its host (api)"
		}
		if h, ok := steeringHeader[c.Name]; ok {
			steer = append(steer, h)
		} else {
			push = append(push, c.Name)
		}
	}
	var parts []string
	if len(push) > 0 {
		parts = append(parts, "clients get URLs that break pushes or expose credentials ("+strings.Join(push, ", ")+")")
	}
	if len(steer) > 0 {
		parts = append(parts, "a client can choose your URLs ("+strings.Join(steer, ", ")+")")
	}
	return "problems found: " + strings.Join(parts, "; ")
}

// WriteText prints the report as a checklist.
func (r *Report) WriteText(w io.Writer) {
	fmt.Fprintf(w, "registry doctor %s\n", r.URL)
	for _, c := range r.Checks {
		mark := map[Verdict]string{OK: "ok", Problem: "PROBLEM", Warning: "warning", Skipped: "skipped"}[c.Verdict]
		fmt.Fprintf(w, "  [%s] %s: %s\n", mark, c.Name, c.Detail)
		if c.Consequence != "" {
			fmt.Fprintf(w, "      what it means: %s\n", c.Consequence)
		}
		if c.Fix != "" {
			fmt.Fprintf(w, "      likely fix: %s\n", c.Fix)
		}
	}
	fmt.Fprintf(w, "result: %s\n", r.Summary())
	if len(r.NotChecked) > 0 {
		fmt.Fprintln(w, "not checked from outside, since no response shows it:")
		for _, u := range r.NotChecked {
			fmt.Fprintf(w, "  - %s: %s\n", u.What, u.How)
		}
	}
}
