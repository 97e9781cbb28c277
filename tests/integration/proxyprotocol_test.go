package integration

import (
	"crypto/tls"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"
)

// The PROXY protocol scenarios: HAProxy in TCP mode in front of the
// registry, passing TLS through (the registry terminates it) or
// terminating it, sending the preamble that names the client.
const (
	proxyClientIP    = "127.0.10.9" // a client of its own, named in the preamble
	proxyTimeout     = 2 * time.Second
	proxyMetricsAddr = registryIP + ":5001"
)

// v2Preamble is the PROXY protocol v2 preamble of a TCP over IPv4
// connection from src to dst.
func v2Preamble(src, dst netip.AddrPort) []byte {
	b := []byte("\r\n\r\n\x00\r\nQUIT\n\x21\x11\x00\x0c")
	b = append(b, src.Addr().AsSlice()...)
	b = append(b, dst.Addr().AsSlice()...)
	b = binary.BigEndian.AppendUint16(b, src.Port())
	return binary.BigEndian.AppendUint16(b, dst.Port())
}

// proxyProtocolYAML is the http section of a registry behind the balancer:
// the preamble required from it, a short timeout, TLS when the registry
// terminates it, and metrics.
func proxyProtocolYAML(tlsAtRegistry bool) string {
	y := fmt.Sprintf("  forwarded:\n    proxyprotocol: %s\n    proxyprotocoltimeout: %s\n", edgeIP, proxyTimeout)
	if tlsAtRegistry {
		y += fmt.Sprintf("  tls:\n    certificate: %s\n    key: %s\n", suite.certFile, suite.keyFile)
	} else {
		// The balancer terminates TLS: the registry sees plain HTTP.
		y += "    scheme: https\n"
	}
	return y + debugYAML(proxyMetricsAddr)
}

// dialFrom opens a TCP connection from the address from.
func dialFrom(t *testing.T, from, to string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	c, err := d.Dial("tcp", to)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// closedWithin sends data on c and reads until the registry closes it. It
// returns what the registry wrote and how long it kept the connection.
func closedWithin(c net.Conn, data []byte) ([]byte, time.Duration) {
	defer c.Close()
	start := time.Now()
	_ = c.SetDeadline(start.Add(3 * proxyTimeout))
	if len(data) > 0 {
		_, _ = c.Write(data)
	}
	got, _ := io.ReadAll(c)
	return got, time.Since(start)
}

func TestProxyProtocol(t *testing.T) {
	for _, mode := range []struct {
		name, recipe  string
		tlsAtRegistry bool
	}{
		{"TLS passed through, v2 preamble", "haproxy-proxyprotocol-passthrough.cfg", true},
		{"TLS terminated at the balancer, v1 preamble", "haproxy-proxyprotocol-terminate.cfg", false},
	} {
		t.Run(mode.name, func(t *testing.T) {
			e := newEnv(t)
			sink := startEventSink(t, "127.0.60.1")
			reg := e.startRegistry(registryOptions{
				addr: registryTCP, storage: e.dir + "/storage",
				forwarded: proxyProtocolYAML(mode.tlsAtRegistry),
				auth:      htpasswdAuthYAML() + sink.yaml(),
			})
			e.startHAProxy(mode.recipe, edgeIP+":443")
			before := scrapeCounters(t, proxyMetricsAddr, "registry_proxyprotocol_refused_total")

			// Every client pushes and pulls back, and is logged under its
			// own address, not the balancer's.
			clients := everyClient(t, e.dir)
			pushAndPull(t, edgeIP, clients)
			for _, c := range clients {
				// Docker's and containerd's client code connect from
				// clientIP; the others cannot choose their address.
				addr := defaultIP
				if c.name() == "docker" || c.name() == "containerd" {
					addr = clientIP
				}
				if got := accessLogClients(reg.log, `"PUT /v2/scenario/`+c.name()+`/manifests/`); len(got) == 0 || got[0] != addr {
					t.Errorf("%s's manifest push logged as from %q, want %s", c.name(), got, addr)
				}
			}

			// A client of its own address, with forwarding headers of its
			// own: its address is what the preamble says, in the access
			// log and notifications; its headers are believed from no one.
			hc := &http.Client{Transport: &http.Transport{
				DialContext:     (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(proxyClientIP)}}).DialContext,
				TLSClientConfig: &tls.Config{RootCAs: suite.caPool},
			}, Timeout: time.Minute}
			spoof := http.Header{
				"Authorization":    {"Basic " + base64.StdEncoding.EncodeToString([]byte(username+":"+password))},
				"X-Forwarded-For":  {"6.6.6.6"},
				"X-Forwarded-Host": {"evil.example"},
				"Forwarded":        {"for=6.6.6.8;host=evil.example;proto=http"},
			}
			api := &apiClient{hc: hc, base: "https://" + edgeIP}
			loc, err := api.push("proxied/own", "v1", newImage(t, 1, 8<<10), spoof)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(loc, "https://"+edgeIP+"/v2/proxied/own/blobs/uploads/") {
				t.Errorf("upload Location %q, want it on https://%s", loc, edgeIP)
			}
			if got := accessLogClients(reg.log, `"PUT /v2/proxied/own/manifests/v1 `); len(got) != 1 || got[0] != proxyClientIP {
				t.Errorf("access log names %q, want %s", got, proxyClientIP)
			}
			if ev, ok := sink.manifestPush("proxied/own"); !ok || peerAddr(ev.Request.Addr) != proxyClientIP+":<port>" {
				t.Errorf("notification request.addr %q (sent: %v), want %s", ev.Request.Addr, ok, proxyClientIP)
			}

			// A preamble from anyone but the balancer is refused: sent
			// directly, and sent through the balancer, after its own.
			if got, _ := closedWithin(dialFrom(t, clientIP, registryTCP), append(v2Preamble(netip.MustParseAddrPort("6.6.6.6:1"), netip.MustParseAddrPort(registryTCP)), "GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n"...)); len(got) != 0 {
				t.Errorf("a direct client's preamble was answered: %q", got)
			}
			if !mode.tlsAtRegistry {
				resp, err := rawTLSRequest(clientIP, edgeIP+":443", "PROXY TCP4 6.6.6.6 127.0.20.1 1 443\r\nGET /v2/ HTTP/1.1\r\nHost: "+edgeIP+"\r\n\r\n")
				if err == nil && resp.status != http.StatusBadRequest {
					t.Errorf("a client's preamble through the balancer got %d, want 400 or the connection closed", resp.status)
				}
			}

			// From the balancer's own address: damaged, truncated, oversized
			// and silent preambles end their connections within the timeout,
			// while the balancer's other connections are served.
			var wg sync.WaitGroup
			var mu sync.Mutex
			held := map[string]time.Duration{}
			for name, data := range map[string][]byte{
				"damaged":   []byte("PROXY TCP4 6.6.6.6 nowhere 1 2\r\n"),
				"truncated": v2Preamble(netip.MustParseAddrPort("6.6.6.6:1"), netip.MustParseAddrPort(registryTCP))[:20],
				"oversized": []byte("PROXY TCP4 6.6.6.6 127.0.40.1 1 5000" + strings.Repeat(" ", 4096) + "\r\n"),
				"silent":    nil,
				"silent 2":  nil,
				"silent 3":  nil,
			} {
				c := dialFrom(t, edgeIP, registryTCP)
				wg.Add(1)
				go func() {
					defer wg.Done()
					got, d := closedWithin(c, data)
					mu.Lock()
					defer mu.Unlock()
					held[name] = d
					if len(got) != 0 {
						t.Errorf("%s preamble answered: %q", name, got)
					}
				}()
			}
			start := time.Now()
			resp, err := hc.Get("https://" + edgeIP + "/v2/")
			if err != nil {
				t.Errorf("while silent peers waited: %v", err)
			} else if resp.Body.Close(); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("while silent peers waited: %s, want 401 from the registry", resp.Status)
			} else if d := time.Since(start); d > proxyTimeout {
				t.Errorf("a request through the balancer waited %s behind silent peers", d)
			}
			wg.Wait()
			for name, d := range held {
				if d > proxyTimeout+time.Second {
					t.Errorf("%s preamble's connection was held %s, past the %s timeout", name, d, proxyTimeout)
				}
			}

			after := scrapeCounters(t, proxyMetricsAddr, "registry_proxyprotocol_refused_total")
			for reason, want := range map[string]float64{"untrusted_peer": 1, "missing": 3, "invalid": 3} {
				if got := after[reason] - before[reason]; got < want {
					t.Errorf("registry_proxyprotocol_refused_total{reason=%q} rose by %v, want at least %v", reason, got, want)
				}
			}
			// Upstream logs every 4xx answer at error level, the pushes'
			// probes included: the refusals must add none of their own.
			for _, w := range warnings(reg.log) {
				if strings.Contains(strings.ToLower(w), "proxy") {
					t.Errorf("a refused preamble wrote a warning: %s", w)
				}
			}
			if strings.Contains(readFile(reg.log), "6.6.6.") {
				t.Error("an address a client chose reached the registry's log")
			}
		})
	}
}
