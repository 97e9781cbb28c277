package integration

// The trace spans of TestGenerative. Each mode's registry exports its spans
// over OTLP/HTTP to a sink of the test's, as it would to a collector; under
// http.forwarded every span of a request must name the resolved client,
// host, port and scheme, as the request's log entries and URLs do, and
// never what the resolution refused.

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"

	coltracepb "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	"google.golang.org/protobuf/proto"
)

// genSpanSink receives the spans of every mode, by mode.
type genSpanSink struct {
	srv *httptest.Server
	genArrivals
	spans map[string][]genSpan
}

// genSpan is one span: its name, and its attributes' values as text.
type genSpan struct {
	name  string
	attrs map[string]string
}

func startGenSpanSink(t *testing.T) *genSpanSink {
	t.Helper()
	s := &genSpanSink{spans: map[string][]genSpan{}}
	s.srv = genServe(t, func(w http.ResponseWriter, r *http.Request) {
		key, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/v1/traces")
		body, err := io.ReadAll(r.Body)
		var req coltracepb.ExportTraceServiceRequest
		if err == nil {
			err = proto.Unmarshal(body, &req)
		}
		if !ok || err != nil {
			http.Error(w, fmt.Sprintf("not an OTLP trace export: %v", err), http.StatusBadRequest)
			return
		}
		var spans []genSpan
		for _, rs := range req.GetResourceSpans() {
			for _, ss := range rs.GetScopeSpans() {
				for _, sp := range ss.GetSpans() {
					spans = append(spans, genSpan{name: sp.GetName(), attrs: genSpanAttrs(sp.GetAttributes())})
				}
			}
		}
		s.mu.Lock()
		s.spans[key] = append(s.spans[key], spans...)
		s.last = time.Now()
		s.mu.Unlock()
		out, _ := proto.Marshal(&coltracepb.ExportTraceServiceResponse{})
		w.Header().Set("Content-Type", "application/x-protobuf")
		_, _ = w.Write(out)
	})
	return s
}

// genSpanAttrs returns attributes' values as text: a string as it is, any
// other value as fmt prints it.
func genSpanAttrs(kvs []*commonpb.KeyValue) map[string]string {
	attrs := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		switch v := kv.GetValue().GetValue().(type) {
		case *commonpb.AnyValue_StringValue:
			attrs[kv.GetKey()] = v.StringValue
		case *commonpb.AnyValue_IntValue:
			attrs[kv.GetKey()] = strconv.FormatInt(v.IntValue, 10)
		default:
			attrs[kv.GetKey()] = fmt.Sprint(kv.GetValue())
		}
	}
	return attrs
}

// env returns the environment that makes a registry export its spans to
// the sink, as mode key's, in batches a fifth of a second apart, and keep
// every span of the run in its queue.
func (s *genSpanSink) env(key string) []string {
	return []string{
		"OTEL_TRACES_EXPORTER=otlp",
		"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf",
		"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=" + s.srv.URL + "/" + key + "/v1/traces",
		"OTEL_BSP_SCHEDULE_DELAY=200",
		"OTEL_BSP_MAX_QUEUE_SIZE=200000",
	}
}

// checkSpans checks the spans of one mode: each names the peer the
// registry saw; under http.forwarded, each of a generated request names the
// resolved client, scheme, host and port, and no host when the request was
// refused for it; a span of no generated request names a valid address and
// host at least.
func (g *genRun) checkSpans(m *genMode) {
	g.spans.mu.Lock()
	spans := append([]genSpan(nil), g.spans.spans[m.key]...)
	g.spans.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	seen := map[string]bool{}
	for _, sp := range spans {
		a := sp.attrs
		if a["http.request.method"] == "" {
			g.stat("spans within a request's (storage calls)")
			continue
		}
		marker := a["user_agent.original"]
		mo, q := m.answered[marker].mo, m.answered[marker].q
		desc := fmt.Sprintf("mode %s (%s), span %q of request %q: client.address %q, network.peer.address %q, url.scheme %q, server.address %q, server.port %q",
			m.key, m.name, sp.name, marker, a["client.address"], a["network.peer.address"], a["url.scheme"], a["server.address"], a["server.port"])
		add := func(class, want string) { g.fail.addMode(m.key, nil, "span: "+class, desc+want) }
		if genHasCTL(a["client.address"]) || genHasCTL(a["server.address"]) {
			add("a control byte in client.address or server.address", "")
			continue
		}
		if mo == nil || q == nil {
			g.stat("spans of requests of no generated request's (the setup's)")
			if m.family != "" {
				if _, err := netip.ParseAddr(a["client.address"]); err != nil {
					add("client.address is not an address, in a span of no generated request", "")
				}
				if h := a["server.address"]; h != "" && !genValidHost(net.JoinHostPort(h, a["server.port"])) {
					add("server.address is not a valid host, in a span of no generated request", "")
				}
			}
			continue
		}
		seen[marker] = true
		g.stat("spans checked")
		if p := a["network.peer.address"]; p != q.peer.String() {
			add("network.peer.address is not the peer the registry saw (the connection's, or a trusted preamble's)", "; want "+q.peer.String())
		}
		if mo.unconfigured {
			continue // upstream's spans, from the request's own headers
		}
		if !mo.isClient(a["client.address"]) {
			add("client.address is not the resolved client", "; want "+mo.wantClient())
		}
		scheme := a["url.scheme"]
		switch {
		case mo.exact && scheme != genOr(mo.scheme, "http"):
			add("url.scheme is not the resolved scheme", "; want "+genOr(mo.scheme, "http"))
		case !mo.exact && !mo.schemes[scheme] && !(scheme == "http" && mo.schemes[""]):
			add("url.scheme is none a trusted proxy, TLS or the configuration gave", "")
		}
		host := a["server.address"]
		if host != "" {
			host = net.JoinHostPort(host, a["server.port"])
		}
		switch {
		case host == "" && (mo.refused || mo.mayRefuse):
		case host != "" && mo.exact && !mo.refused && genSameHost(host, mo.host, scheme):
		case host != "" && !mo.exact && genSpanHostIn(mo.hosts, host, scheme):
		default:
			add("server.address and server.port are not the resolved host, or name a host refused", fmt.Sprintf("; want %q (refused: %v)", mo.host, mo.refused))
		}
	}
	// Every request the registry answered under http.forwarded has its
	// span: one that went missing would be one no check saw.
	if m.family != "" {
		for marker, a := range m.answered {
			if !seen[marker] {
				g.fail.addMode(m.key, a.q, "span: no span for a request the registry answered", "mode "+m.key+", request "+marker)
			}
		}
	}
}

// genSpanHostIn reports whether host is one of hosts, reached over scheme.
func genSpanHostIn(hosts map[string]bool, host, scheme string) bool {
	for h := range hosts {
		if h != "" && genSameHost(host, h, scheme) {
			return true
		}
	}
	return false
}

func genOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
