// Package forwardedconfig reads the http.forwarded section of the registry's
// configuration file and its environment overrides into a
// [forwarded.Policy].
//
// Upstream's configuration parser does not know the section and ignores it,
// so the same file serves both. Each key can be overridden the way upstream
// overrides its own, with a value written as in YAML:
//
//	REGISTRY_HTTP_FORWARDED                 the whole section, as a YAML mapping
//	REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES  [10.0.0.0/8, 192.168.1.7]
//	REGISTRY_HTTP_FORWARDED_HEADER          x-forwarded | forwarded
//	REGISTRY_HTTP_FORWARDED_SCHEME          http | https
//	REGISTRY_HTTP_FORWARDED_ALLOWEDHOSTS    [registry.example.com, "*.example.com"]
//
// A key's environment variable wins over the section variable, which wins
// over the file. Setting any key, in the file or the environment, selects
// strict mode.
package forwardedconfig

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"go.yaml.in/yaml/v2"

	"github.com/proxyaware/registry/registry/forwarded"
)

// Key names, as written in the file.
const (
	KeyTrustedProxies = "trustedproxies"
	KeyHeader         = "header"
	KeyScheme         = "scheme"
	KeyAllowedHosts   = "allowedhosts"
)

var keys = []string{KeyTrustedProxies, KeyHeader, KeyScheme, KeyAllowedHosts}

// EnvPrefix is the environment variable for the whole section; each key's
// variable appends "_" and the key in upper case.
const EnvPrefix = "REGISTRY_HTTP_FORWARDED"

// An Error names the key and the value that could not be used.
type Error struct {
	Key   string // e.g. "http.forwarded.scheme"
	Value string // the value as written, or "" when the key is unknown
	Err   error
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s: %v", e.Key, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// file is the part of the configuration file this package reads.
type file struct {
	HTTP struct {
		Forwarded yaml.MapSlice `yaml:"forwarded"`
	} `yaml:"http"`
}

// Load reads the http.forwarded section from the YAML document in data and
// the environment (looked up through getenv, os.LookupEnv in production).
// Without the section and its variables the Policy is compatibility mode.
func Load(data []byte, getenv func(string) (string, bool)) (*forwarded.Policy, error) {
	var f file
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("reading http.forwarded: %v", err)
	}
	raw := map[string]any{}
	present := f.HTTP.Forwarded != nil
	if err := mergeSection(raw, f.HTTP.Forwarded, "http.forwarded"); err != nil {
		return nil, err
	}
	if v, ok := getenv(EnvPrefix); ok {
		present = true
		var section yaml.MapSlice
		if err := yaml.Unmarshal([]byte(v), &section); err != nil {
			return nil, &Error{Key: EnvPrefix, Value: v, Err: fmt.Errorf("%q is not a YAML mapping: %v", v, err)}
		}
		if err := mergeSection(raw, section, EnvPrefix); err != nil {
			return nil, err
		}
	}
	for _, k := range keys {
		name := EnvPrefix + "_" + strings.ToUpper(k)
		v, ok := getenv(name)
		if !ok {
			continue
		}
		present = true
		var value any
		if err := yaml.Unmarshal([]byte(v), &value); err != nil {
			return nil, &Error{Key: name, Value: v, Err: fmt.Errorf("%q is not a YAML value: %v", v, err)}
		}
		raw[k] = value
	}
	if !present {
		return &forwarded.Policy{}, nil
	}
	return build(raw)
}

// mergeSection copies the known keys of a section into raw and refuses
// unknown ones: a misspelt key silently ignored would leave the registry
// trusting less, or more, than its operator meant.
func mergeSection(raw map[string]any, section yaml.MapSlice, where string) error {
	for _, item := range section {
		k, ok := item.Key.(string)
		if !ok || !known(k) {
			return &Error{Key: fmt.Sprintf("%s.%v", where, item.Key), Err: fmt.Errorf("unknown key (known keys: %s)", strings.Join(keys, ", "))}
		}
		raw[k] = item.Value
	}
	return nil
}

func known(k string) bool {
	for _, kk := range keys {
		if k == kk {
			return true
		}
	}
	return false
}

func build(raw map[string]any) (*forwarded.Policy, error) {
	p := &forwarded.Policy{Strict: true}
	ks := make([]string, 0, len(raw))
	for k := range raw {
		ks = append(ks, k)
	}
	sort.Strings(ks) // report errors in a stable order
	for _, k := range ks {
		if err := apply(p, k, raw[k]); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func apply(p *forwarded.Policy, key string, v any) error {
	name := "http.forwarded." + key
	fail := func(value string, err error) error {
		return &Error{Key: name, Value: value, Err: err}
	}
	failType := func(err error) error {
		value := render(v)
		return &Error{Key: name, Value: value, Err: fmt.Errorf("%q: %v", value, err)}
	}
	switch key {
	case KeyTrustedProxies, KeyAllowedHosts:
		list, err := stringList(v)
		if err != nil {
			return failType(err)
		}
		for _, s := range list {
			if key == KeyTrustedProxies {
				pfx, err := forwarded.ParseTrustedProxy(s)
				if err != nil {
					return fail(s, err)
				}
				p.TrustedProxies = append(p.TrustedProxies, pfx)
				continue
			}
			hp, err := forwarded.ParseHostPattern(s)
			if err != nil {
				return fail(s, err)
			}
			p.AllowedHosts = append(p.AllowedHosts, hp)
		}
	case KeyHeader:
		s, err := scalar(v)
		if err != nil {
			return failType(err)
		}
		if s == "" {
			return nil // default
		}
		if p.Header, err = forwarded.ParseFamily(s); err != nil {
			return fail(s, err)
		}
	case KeyScheme:
		s, err := scalar(v)
		if err != nil {
			return failType(err)
		}
		if p.Scheme, err = forwarded.ParseScheme(s); err != nil {
			return fail(s, err)
		}
	}
	return nil
}

// render writes a decoded value back as one line of YAML, for messages.
func render(v any) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// stringList accepts a YAML sequence of scalars, a single scalar, or nothing.
func stringList(v any) ([]string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, err := scalar(item)
			if err != nil {
				return nil, err
			}
			out = append(out, s)
		}
		return out, nil
	default:
		s, err := scalar(v)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	}
}

func scalar(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(v), nil
	}
	return "", fmt.Errorf("want a single value, got %T", v)
}

// LoadFile reads path and the process environment. Upstream's parser warns
// about environment variables it does not recognize, so LoadFile removes the
// ones it consumed.
func LoadFile(path string) (*forwarded.Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p, err := Load(data, os.LookupEnv)
	if err != nil {
		return nil, err
	}
	_ = os.Unsetenv(EnvPrefix)
	for _, k := range keys {
		_ = os.Unsetenv(EnvPrefix + "_" + strings.ToUpper(k))
	}
	return p, nil
}
