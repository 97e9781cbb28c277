package doctor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// The steering probe: the requests of the clean checks again, each carrying
// one forwarding header a client could send, with a canary value. A canary
// that comes back in a URL shows that the registry believed a client's
// header. Canary URLs are only read, never requested.

// steeringHeader names the header behind each steering check, for the
// summary.
var steeringHeader = map[string]string{
	CheckXForwardedHost:  "X-Forwarded-Host",
	CheckXForwardedProto: "X-Forwarded-Proto",
	CheckForwardedHost:   "Forwarded host=",
	CheckForwardedProto:  "Forwarded proto=",
}

// canaries are the values one run sends. The hosts are under .invalid,
// which never resolves (RFC 6761), and unique to the run; the scheme is the
// opposite of the registry URL's; the client addresses are from the
// documentation ranges (RFC 5737), which no proxy connects from.
type canaries struct {
	xfHost, fwdHost string
	proto           string
	xfFor, fwdFor   string
}

func newCanaries(scheme string) canaries {
	var b [6]byte
	_, _ = rand.Read(b[:])
	tag := hex.EncodeToString(b[:4])
	c := canaries{
		xfHost:  "xfh-" + tag + ".doctor.invalid",
		fwdHost: "fwd-" + tag + ".doctor.invalid",
		proto:   "http",
		xfFor:   fmt.Sprintf("192.0.2.%d", 1+int(b[4])%254),
		fwdFor:  fmt.Sprintf("198.51.100.%d", 1+int(b[5])%254),
	}
	if scheme == "http" {
		c.proto = "https"
	}
	return c
}

// probe is one steering request set: one header a client could send.
type probe struct {
	check   string      // the check's name
	sent    string      // the canary as the details quote it
	canary  string      // the value to look for: a host, or a scheme
	isHost  bool        // whether canary is a host or a scheme
	headers http.Header // what the requests carry
	fix     string
}

// observation is a URL a probe request got back, with what the request
// without canaries got at the same place.
type observation struct {
	where string   // "upload Location", "token realm", "tags list Link"
	clean *url.URL // nil when the clean request got none
	got   *url.URL
}

// probeResult is what the requests of one probe got.
type probeResult struct {
	seen    []observation
	refused []string // answers refusing the request for its host: "upload start: 400 HOST_NOT_ALLOWED"
	other   []string // other answers without a URL: "upload start: status 401"
}

const (
	fixTrustFewer = "or trust fewer proxies: if the client-facing proxy passes client headers through, set " +
		"http.forwarded.trustedproxies: [], scheme: https and allowedhosts. Without an http.forwarded section (and on " +
		"upstream's registry) every client is believed: add one. See \"Trusting a proxy means trusting it to overwrite or " +
		"append correctly\" in docs/reference.md."
	fixXFHost = "Make the client-facing proxy overwrite X-Forwarded-Host (nginx: proxy_set_header X-Forwarded-Host $http_host, " +
		"as nginx-edge.conf does) and trust only it and the proxies behind it; " + fixTrustFewer
	fixXFProto = "Set http.forwarded.scheme: https, which no header overrides; make the client-facing proxy overwrite " +
		"X-Forwarded-Proto (nginx: proxy_set_header X-Forwarded-Proto $scheme); " + fixTrustFewer
	fixForwarded = "Make the client-facing proxy replace the client's Forwarded with its own element (as " +
		"nginx-edge-forwarded.conf does) and trust only it and the proxies behind it, or, if your proxies write X-Forwarded-*, " +
		"read that family (http.forwarded.header: x-forwarded); " + fixTrustFewer

	consequenceHost = "A client that sends this header gets URLs on the host it names: the upload Location, the token realm " +
		"and the Link the registry builds for its requests, and the target.url of the notification events they cause, which " +
		"other systems act on."
	consequenceProto = "A client that sends this header gets URLs with the scheme it names: the upload Location, the token " +
		"realm and the Link the registry builds for its requests, and the target.url of the notification events they cause. " +
		"After an https ping, http URLs make Docker and containerd fail with 401 and skopeo send layers and credentials in cleartext."
)

// probeSteering runs the probes and adds a check per header, then the
// client-address note.
func (d *doctor) probeSteering(ctx context.Context) error {
	c := newCanaries(d.base.Scheme)
	d.canaries = c
	probes := []probe{
		{check: CheckXForwardedHost, sent: "X-Forwarded-Host: " + c.xfHost, canary: c.xfHost, isHost: true,
			headers: http.Header{"X-Forwarded-Host": {c.xfHost}, "X-Forwarded-For": {c.xfFor}}, fix: fixXFHost},
		{check: CheckXForwardedProto, sent: "X-Forwarded-Proto: " + c.proto, canary: c.proto,
			headers: http.Header{"X-Forwarded-Proto": {c.proto}, "X-Forwarded-For": {c.xfFor}}, fix: fixXFProto},
		{check: CheckForwardedHost, sent: "Forwarded: host=" + c.fwdHost, canary: c.fwdHost, isHost: true,
			headers: http.Header{"Forwarded": {"for=" + c.fwdFor + ";host=" + c.fwdHost}}, fix: fixForwarded},
		{check: CheckForwardedProto, sent: "Forwarded: proto=" + c.proto, canary: c.proto,
			headers: http.Header{"Forwarded": {"for=" + c.fwdFor + ";proto=" + c.proto}}, fix: fixForwarded},
	}
	for _, p := range probes {
		res, err := d.probe(ctx, p)
		if err != nil {
			return err
		}
		if p.isHost {
			d.add(d.judgeHost(p, res))
		} else {
			d.add(d.judgeProto(p, res))
		}
	}
	d.add(Check{Name: CheckClientAddress, Verdict: Skipped,
		Detail: fmt.Sprintf("not visible to a client: the probes carried X-Forwarded-For: %s and Forwarded: for=%s; "+
			"if the registry's access log names either for them, a client can choose the address logged and sent in notifications",
			c.xfFor, c.fwdFor)})
	return nil
}

// probe sends the clean checks' requests again with the probe's headers:
// the /v2/ challenge (for a token realm), the upload start and the tags
// list (when the clean one had a Link). Credentials go only where the clean
// requests sent them: to the given origin.
func (d *doctor) probe(ctx context.Context, p probe) (probeResult, error) {
	var res probeResult
	if d.challenge == "bearer" {
		resp, err := d.do(ctx, http.MethodGet, d.base.JoinPath("/v2/").String(), false, p.headers)
		if err != nil {
			return res, err
		}
		body := readSome(resp)
		if resp.StatusCode == http.StatusUnauthorized {
			scheme, params := parseChallenge(resp.Header.Get("WWW-Authenticate"))
			if realm, err := url.Parse(params["realm"]); strings.EqualFold(scheme, "bearer") && err == nil && realm.Host != "" {
				res.seen = append(res.seen, observation{where: "token realm", clean: d.clean.realm, got: realm})
			} else {
				res.other = append(res.other, "GET /v2/: 401 without a token realm")
			}
		} else {
			res.note("GET /v2/", resp, body)
		}
	}
	if d.noToken == "" {
		resp, err := d.do(ctx, http.MethodPost, d.uploadStart(), true, p.headers)
		if err != nil {
			return res, err
		}
		body := readSome(resp)
		if resp.StatusCode == http.StatusAccepted {
			if loc, err := d.location(resp); err == nil {
				res.seen = append(res.seen, observation{where: "upload Location", clean: d.clean.location, got: loc})
			} else {
				res.other = append(res.other, "upload start: "+err.Error())
			}
		} else {
			res.note("upload start", resp, body)
		}
	}
	if d.clean.link != nil {
		resp, err := d.do(ctx, http.MethodGet, d.tagsList(), true, p.headers)
		if err != nil {
			return res, err
		}
		body := readSome(resp)
		if resp.StatusCode == http.StatusOK && resp.Header.Get("Link") != "" {
			if u, err := linkTarget(resp); err == nil {
				res.seen = append(res.seen, observation{where: "tags list Link", clean: d.clean.link, got: u})
			}
		} else {
			res.note("tags list", resp, body)
		}
	}
	return res, nil
}

// note records an answer without a URL. This build refuses a host it does
// not answer to with 400 HOST_NOT_ALLOWED, or HOST_INVALID.
func (r *probeResult) note(what string, resp *http.Response, body []byte) {
	if code := hostRefusal(resp, body); code != "" {
		r.refused = append(r.refused, fmt.Sprintf("%s: 400 %s", what, code))
		return
	}
	r.other = append(r.other, fmt.Sprintf("%s: status %d", what, resp.StatusCode))
}

// judgeHost says whether a canary host came back in a URL.
func (d *doctor) judgeHost(p probe, res probeResult) Check {
	var where, places []string
	for _, o := range res.seen {
		places = append(places, o.where)
		if strings.EqualFold(o.got.Hostname(), p.canary) {
			where = append(where, fmt.Sprintf("the %s %s", o.where, origin(o.got)))
		} else if strings.Contains(strings.ToLower(o.got.String()), p.canary) {
			where = append(where, fmt.Sprintf("the %s %s", o.where, o.got.Redacted()))
		}
	}
	switch {
	case len(where) > 0:
		return Check{Name: p.check, Verdict: Problem,
			Detail:      fmt.Sprintf("a client can choose your URLs: its %s came back in %s", p.sent, strings.Join(where, " and ")),
			Consequence: consequenceHost, Fix: p.fix}
	case len(res.refused) > 0:
		return Check{Name: p.check, Verdict: Warning,
			Detail: fmt.Sprintf("the registry believed a client's %s and refused the request for it (%s): allowedhosts keeps URLs on "+
				"your names, but a trusted proxy passes a client's headers on, so its client address may be believed too (see %s)",
				p.sent, strings.Join(res.refused, ", "), CheckClientAddress),
			Fix: p.fix}
	case len(res.seen) == 0:
		return Check{Name: p.check, Verdict: Skipped,
			Detail: fmt.Sprintf("could not tell whether a client's %s is believed: %s", p.sent, strings.Join(res.other, ", "))}
	}
	return Check{Name: p.check, Verdict: OK,
		Detail: fmt.Sprintf("a client's %s changed nothing in the %s", p.sent, strings.Join(places, " or "))}
}

// judgeProto says whether a canary scheme came back in a URL whose clean
// counterpart had the other scheme.
func (d *doctor) judgeProto(p probe, res probeResult) Check {
	var where, places, already []string
	for _, o := range res.seen {
		clean := d.base.Scheme
		if o.clean != nil {
			clean = o.clean.Scheme
		}
		if strings.EqualFold(clean, p.canary) {
			already = append(already, o.where)
			continue
		}
		places = append(places, o.where)
		if strings.EqualFold(o.got.Scheme, p.canary) {
			where = append(where, fmt.Sprintf("the %s %s", o.where, origin(o.got)))
		}
	}
	switch {
	case len(where) > 0:
		return Check{Name: p.check, Verdict: Problem,
			Detail:      fmt.Sprintf("a client can choose your URLs: its %s came back in %s", p.sent, strings.Join(where, " and ")),
			Consequence: consequenceProto, Fix: p.fix}
	case len(places) == 0 && len(already) > 0:
		return Check{Name: p.check, Verdict: Skipped,
			Detail: fmt.Sprintf("cannot tell whether a client's %s is believed: the %s already uses %s without it",
				p.sent, strings.Join(already, " and "), p.canary)}
	case len(places) == 0:
		return Check{Name: p.check, Verdict: Skipped,
			Detail: fmt.Sprintf("could not tell whether a client's %s is believed: %s", p.sent, strings.Join(append(res.refused, res.other...), ", "))}
	}
	return Check{Name: p.check, Verdict: OK,
		Detail: fmt.Sprintf("a client's %s changed nothing in the %s", p.sent, strings.Join(places, " or "))}
}

// readSome reads what the doctor needs of a body and closes it.
func readSome(resp *http.Response) []byte {
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return b
}
