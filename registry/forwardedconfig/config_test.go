package forwardedconfig

import (
	"errors"
	"strings"
	"testing"

	"github.com/proxyaware/registry/registry/forwarded"
)

func env(kv ...string) func(string) (string, bool) {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) (string, bool) {
		v, ok := m[k]
		return v, ok
	}
}

const full = `
version: 0.1
http:
  addr: :5000
  forwarded:
    trustedproxies: [10.0.0.0/8, 192.168.1.7, "2001:db8::/32"]
    header: forwarded
    scheme: https
    allowedhosts: [registry.example.com, "*.registry.example.com"]
`

func TestLoadFile(t *testing.T) {
	p, err := Load([]byte(full), env())
	if err != nil {
		t.Fatal(err)
	}
	want := "trusted proxies [10.0.0.0/8 192.168.1.7 2001:db8::/32], header forwarded, scheme https, allowed hosts [registry.example.com *.registry.example.com]"
	if !p.Strict || p.String() != want {
		t.Errorf("policy %q (strict %t), want %q", p, p.Strict, want)
	}
}

func TestCompatibilityWithoutSection(t *testing.T) {
	p, err := Load([]byte("version: 0.1\nhttp:\n  addr: :5000\n"), env())
	if err != nil || p.Strict {
		t.Errorf("policy %v, %v: want compatibility mode", p, err)
	}
	p, err = Load([]byte("version: 0.1\n"), env())
	if err != nil || p.Strict {
		t.Errorf("policy %v, %v: want compatibility mode", p, err)
	}
}

func TestEnvironmentWins(t *testing.T) {
	p, err := Load([]byte(full), env(
		"REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES", "[127.0.0.1]",
		"REGISTRY_HTTP_FORWARDED_HEADER", "x-forwarded",
		"REGISTRY_HTTP_FORWARDED_SCHEME", "http",
		"REGISTRY_HTTP_FORWARDED_ALLOWEDHOSTS", "reg.local",
	))
	if err != nil {
		t.Fatal(err)
	}
	want := "trusted proxies [127.0.0.1], header x-forwarded, scheme http, allowed hosts [reg.local]"
	if p.String() != want {
		t.Errorf("policy %q, want %q", p, want)
	}

	// The environment alone selects strict mode.
	p, err = Load([]byte("version: 0.1\n"), env("REGISTRY_HTTP_FORWARDED_SCHEME", "https"))
	if err != nil || !p.Strict || p.Scheme != "https" || len(p.TrustedProxies) != 0 {
		t.Errorf("policy %v, %v", p, err)
	}

	// The whole section as one variable, with a key variable over it.
	p, err = Load([]byte(full), env(
		"REGISTRY_HTTP_FORWARDED", `{trustedproxies: ["::1"], scheme: http}`,
		"REGISTRY_HTTP_FORWARDED_SCHEME", "https",
	))
	if err != nil {
		t.Fatal(err)
	}
	want = "trusted proxies [::1], header forwarded, scheme https, allowed hosts [registry.example.com *.registry.example.com]"
	if p.String() != want {
		t.Errorf("policy %q, want %q", p, want)
	}
}

func TestEmptyValuesAreDefaults(t *testing.T) {
	p, err := Load([]byte("http:\n  forwarded:\n    trustedproxies:\n    header: \"\"\n    scheme:\n"), env())
	if err != nil {
		t.Fatal(err)
	}
	if !p.Strict || p.Header != forwarded.XForwarded || p.Scheme != "" || len(p.TrustedProxies) != 0 {
		t.Errorf("policy %v", p)
	}
}

// TestBadValues checks that each bad value is refused with the key and the
// value in the message.
func TestBadValues(t *testing.T) {
	tests := []struct {
		yaml, envName, envValue string
		key, value              string
	}{
		{yaml: "trustedproxies: [10.0.0.0/33]", key: "http.forwarded.trustedproxies", value: "10.0.0.0/33"},
		{yaml: "trustedproxies: [proxy.example.com]", key: "http.forwarded.trustedproxies", value: "proxy.example.com"},
		{yaml: "trustedproxies: [[10.0.0.1]]", key: "http.forwarded.trustedproxies", value: "10.0.0.1"},
		{yaml: "trustedproxies: {a: b}", key: "http.forwarded.trustedproxies", value: "a: b"},
		{yaml: "header: x-real-ip", key: "http.forwarded.header", value: "x-real-ip"},
		{yaml: "scheme: ftp", key: "http.forwarded.scheme", value: "ftp"},
		{yaml: "scheme: [https]", key: "http.forwarded.scheme", value: "https"},
		{yaml: "allowedhosts: [\"reg.*.example.com\"]", key: "http.forwarded.allowedhosts", value: "reg.*.example.com"},
		{yaml: "allowedhosts: [\"https://reg.example.com\"]", key: "http.forwarded.allowedhosts", value: "https://reg.example.com"},
		{yaml: "trustedproxy: [10.0.0.1]", key: "http.forwarded.trustedproxy", value: ""},
		{envName: "REGISTRY_HTTP_FORWARDED_SCHEME", envValue: "gopher", key: "http.forwarded.scheme", value: "gopher"},
		{envName: "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES", envValue: "[10.0.0.1/40]", key: "http.forwarded.trustedproxies", value: "10.0.0.1/40"},
		{envName: "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES", envValue: "[unterminated", key: "REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES", value: "[unterminated"},
		{envName: "REGISTRY_HTTP_FORWARDED", envValue: "- a list", key: "REGISTRY_HTTP_FORWARDED", value: "- a list"},
		{envName: "REGISTRY_HTTP_FORWARDED", envValue: "{sheme: https}", key: "REGISTRY_HTTP_FORWARDED.sheme", value: ""},
	}
	for _, tt := range tests {
		doc := "version: 0.1\n"
		if tt.yaml != "" {
			doc += "http:\n  forwarded:\n    " + tt.yaml + "\n"
		}
		_, err := Load([]byte(doc), env(tt.envName, tt.envValue))
		var cerr *Error
		if !errors.As(err, &cerr) {
			t.Errorf("%s%s: error %v, want a configuration error", tt.yaml, tt.envValue, err)
			continue
		}
		msg := err.Error()
		if cerr.Key != tt.key || !strings.HasPrefix(msg, tt.key+": ") || !strings.Contains(msg, tt.value) {
			t.Errorf("%s%s: error %q (key %q), want key %s and value %q named", tt.yaml, tt.envValue, msg, cerr.Key, tt.key, tt.value)
		}
	}
}
