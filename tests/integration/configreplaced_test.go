package integration

import (
	"net/http"
	"strings"
	"testing"
)

// TestSectionNotDroppedByConfiguration: what would leave the file's
// http.forwarded out without a word stops startup, named (REGISTRY_HTTP,
// which replaces the whole http mapping; a second http mapping, of which
// the parser reads the last, a YAML merge key that sets keys of the
// section), and a value under http that nothing reads and that does not
// decode, or an alias that holds itself, hides neither the section, nor a
// misspelling of it, nor a section given twice or merged in.
func TestSectionNotDroppedByConfiguration(t *testing.T) {
	addr := pass3StartupIP + "3:5000"
	t.Run("REGISTRY_HTTP without the section", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  forwarded:\n    trustedproxies: []\n", ""), "REGISTRY_HTTP={addr: '"+addr+"'}")
		pass3Refused(t, code, out, "REGISTRY_HTTP", "http.forwarded")
	})
	t.Run("REGISTRY_HTTP misspelling the section", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "", ""), "REGISTRY_HTTP={addr: '"+addr+"', Forwarded: {trustedproxies: []}}")
		pass3Refused(t, code, out, "REGISTRY_HTTP", "http.Forwarded")
	})
	t.Run("http given twice", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  forwarded:\n", "http:\n  addr: "+addr+"\n"))
		pass3Refused(t, code, out, "http: given twice")
	})
	t.Run("a key merged over the section's", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  forwarded:\n    trustedproxies: []\n    <<: {trustedproxies: [0.0.0.0/0]}\n", ""))
		pass3Refused(t, code, out, "http.forwarded: a YAML merge key (<<)")
	})
	t.Run("a misspelling merged into http", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  <<: {fowarded: {trustedproxies: []}}\n", ""))
		pass3Refused(t, code, out, `"http.fowarded": unknown key`)
	})
	t.Run("a misspelling beside a value that does not decode", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  notes: !!int draft\n  fowarded:\n    trustedproxies: []\n", ""))
		pass3Refused(t, code, out, `"http.fowarded": unknown key`)
	})
	t.Run("the section given twice beside a value that does not decode", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  notes: !!int draft\n  forwarded:\n  forwarded:\n    trustedproxies: [0.0.0.0/0]\n", ""))
		pass3Refused(t, code, out, "http.forwarded: given twice")
	})
	t.Run("the section merged beside an alias of itself", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  notes: &r [*r]\n  <<: {forwarded: {trustedproxies: [0.0.0.0/0]}}\n", ""))
		pass3Refused(t, code, out, "http.forwarded: set or changed through a YAML merge key")
	})
	t.Run("the section given twice, the second key tagged", func(t *testing.T) {
		code, out := pass3Serve(t, pass3Config(addr, "  forwarded:\n    trustedproxies: []\n  !!merge forwarded:\n    trustedproxies: [0.0.0.0/0]\n", ""))
		pass3Refused(t, code, out, "http.forwarded: given twice")
	})
	t.Run("beside a value that does not decode", func(t *testing.T) {
		e := newEnv(t)
		pass3StartWithEnv(e, registryTCP, "  forwarded:\n  notes: !!int draft\n")
		resp, err := rawHTTPRequest(clientIP, registryTCP, uploadStart("a/b", pass3Host,
			"X-Forwarded-Host: evil2.example\r\nX-Forwarded-Proto: https\r\n"))
		if err != nil {
			t.Fatal(err)
		}
		want := "http://" + pass3Host + "/v2/a/b/blobs/uploads/"
		if loc := resp.header.Get("Location"); resp.status != http.StatusAccepted || !strings.HasPrefix(loc, want) {
			t.Errorf("a client's X-Forwarded-Host: %s, Location %q; want 202 on %s", resp.describe(), loc, want)
		}
	})
}
