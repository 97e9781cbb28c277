package configuration

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/netip"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/distribution/distribution/v3/internal/requestutil"
	"go.yaml.in/yaml/v2"
	yamlnode "go.yaml.in/yaml/v3"
)

const (
	// defaultMaxEntries is the default max number of entries returned by the catalog endpoint
	defaultMaxEntries = 1000

	// defaultMaxTags is the default max number of tags returned by the tags endpoint
	defaultMaxTags = 1000
)

// Configuration is a versioned registry configuration, intended to be provided by a yaml file, and
// optionally modified by environment variables.
//
// Note that yaml field names should never include _ characters, since this is the separator used
// in environment variable names.
type Configuration struct {
	// Version is the version which defines the format of the rest of the configuration
	Version Version `yaml:"version"`

	// Log supports setting various parameters related to the logging
	// subsystem.
	Log Log `yaml:"log"`

	// Loglevel is the level at which registry operations are logged.
	//
	// Deprecated: Use Log.Level instead.
	Loglevel Loglevel `yaml:"loglevel,omitempty"`

	// Storage is the configuration for the registry's storage driver
	Storage Storage `yaml:"storage"`

	// Auth allows configuration of various authorization methods that may be
	// used to gate requests.
	Auth Auth `yaml:"auth,omitempty"`

	// Middleware lists all middlewares to be used by the registry.
	Middleware map[string][]Middleware `yaml:"middleware,omitempty"`

	// HTTP contains configuration parameters for the registry's http
	// interface.
	HTTP HTTP `yaml:"http,omitempty"`

	// Notifications specifies configuration about various endpoint to which
	// registry events are dispatched.
	Notifications Notifications `yaml:"notifications,omitempty"`

	// Redis configures the redis pool available to the registry webapp.
	Redis Redis `yaml:"redis,omitempty"`

	// Health provides the configuration section for health checks.
	// It allows defining various checks to monitor the health of different subsystems.
	Health Health `yaml:"health,omitempty"`

	// Catalog is composed of MaxEntries.
	// Catalog endpoint (/v2/_catalog) configuration, it provides the configuration
	// options to control the maximum number of entries returned by the catalog endpoint.
	Catalog Catalog `yaml:"catalog,omitempty"`

	// Tags provides configuration for the tags list (/v2/<name>/tags/list) endpoint.
	// It allows specifying the maximum number of tags returned by the endpoint.
	Tags Tags `yaml:"tags,omitempty"`

	// Proxy defines the configuration options for using the registry as a pull-through cache.
	Proxy Proxy `yaml:"proxy,omitempty"`

	// Validation configures validation options for the registry.
	Validation Validation `yaml:"validation,omitempty"`

	// Policy configures registry policy options.
	Policy Policy `yaml:"policy,omitempty"`
}

// Policy defines configuration options for managing registry policies.
type Policy struct {
	// Repository configures policies for repositories
	Repository Repository `yaml:"repository,omitempty"`
}

// Repository defines configuration options related to repository policies in the registry.
type Repository struct {
	// Classes is a list of repository classes that the registry allows content for.
	// This value is matched against the media type in uploaded manifests.
	// If this field is non-empty, the registry enforces that all uploaded
	// content belongs to one of the specified classes.
	Classes []string `yaml:"classes"`
}

// Catalog provides configuration options for the /v2/_catalog endpoint.
type Catalog struct {
	// Max number of entries returned by the catalog endpoint. Requesting n entries
	// to the catalog endpoint will return at most MaxEntries entries.
	// An empty or a negative value will set a default of 1000 maximum entries by default.
	MaxEntries int `yaml:"maxentries,omitempty"`
}

// Log represents the configuration for logging within the application.
type Log struct {
	// AccessLog configures access logging.
	AccessLog AccessLog `yaml:"accesslog,omitempty"`

	// Level is the granularity at which registry operations are logged.
	Level Loglevel `yaml:"level,omitempty"`

	// Formatter overrides the default formatter with another. Options
	// include "text", "json" and "logstash".
	Formatter string `yaml:"formatter,omitempty"`

	// Fields allows users to specify static string fields to include in
	// the logger context.
	Fields map[string]any `yaml:"fields,omitempty"`

	// Hooks allows users to configure the log hooks, to enabling the
	// sequent handling behavior, when defined levels of log message emit.
	Hooks []LogHook `yaml:"hooks,omitempty"`

	// ReportCaller allows user to configure the log to report the caller
	ReportCaller bool `yaml:"reportcaller,omitempty"`
}

// AccessLog configures options for access logging.
type AccessLog struct {
	// Disabled disables access logging.
	Disabled bool `yaml:"disabled,omitempty"`
}

// HTTP defines configuration options for the HTTP interface of the registry.
type HTTP struct {
	// Addr specifies the bind address for the registry instance.
	Addr string `yaml:"addr,omitempty"`

	// Net specifies the net portion of the bind address. A default empty value means tcp.
	Net string `yaml:"net,omitempty"`

	// Host specifies an externally-reachable address for the registry, as a fully
	// qualified URL.
	Host string `yaml:"host,omitempty"`

	// Prefix specifies a URL path prefix for the HTTP interface.
	// This can be used to serve the registry under a specific path
	// rather than at the root of the domain (e.g., "/registry").
	Prefix string `yaml:"prefix,omitempty"`

	// Secret specifies the secret key which HMAC tokens are created with.
	Secret string `yaml:"secret,omitempty"`

	// RelativeURLs specifies that relative URLs should be returned in
	// Location headers
	RelativeURLs bool `yaml:"relativeurls,omitempty"`

	// Amount of time to wait for connection to drain before shutting down when registry
	// receives a stop signal
	DrainTimeout time.Duration `yaml:"draintimeout,omitempty"`

	// TLS instructs the http server to listen with a TLS configuration.
	// This only support simple tls configuration with a cert and key.
	// Mostly, this is useful for testing situations or simple deployments
	// that require tls. If more complex configurations are required, use
	// a proxy or make a proposal to add support here.
	TLS TLS `yaml:"tls,omitempty"`

	// Headers is a set of headers to include in HTTP responses. A common
	// use case for this would be security headers such as
	// Strict-Transport-Security. The map keys are the header names, and
	// the values are the associated header payloads.
	Headers http.Header `yaml:"headers,omitempty"`

	// Debug configures the http debug interface, if specified. This can
	// include services such as pprof, expvar and other data that should
	// not be exposed externally. Left disabled by default.
	Debug Debug `yaml:"debug,omitempty"`

	// HTTP2 configures options for HTTP/2 support.
	HTTP2 HTTP2 `yaml:"http2,omitempty"`

	// H2C configures support for HTTP/2 without requiring TLS (HTTP/2 Cleartext).
	H2C H2C `yaml:"h2c,omitempty"`

	// Forwarded, when present (even empty), says whose forwarding headers
	// to believe. Without it they are believed from any client.
	Forwarded *Forwarded `yaml:"forwarded,omitempty"`
}

// UnmarshalYAML implements yaml.Unmarshaler. "forwarded:" with nothing
// after it, or with every key of it commented out, is a YAML null, which
// leaves a pointer nil: the section is present all the same, and believes
// no proxy. The keys are read from the mapping already parsed, not from the
// file again.
func (h *HTTP) UnmarshalYAML(unmarshal func(any) error) error {
	type plain HTTP
	if err := unmarshal((*plain)(h)); err != nil {
		return err
	}
	if h.Forwarded == nil {
		// The keys alone: a value the struct does not read must not hide
		// the section by failing to decode.
		var keys map[string]unread
		if err := unmarshal(&keys); err != nil {
			return err
		}
		if _, ok := keys["forwarded"]; ok {
			h.Forwarded = &Forwarded{}
		}
	}
	return nil
}

// unread is a YAML value that is not decoded.
type unread struct{}

// UnmarshalYAML implements yaml.Unmarshaler and reads nothing.
func (unread) UnmarshalYAML(func(any) error) error { return nil }

// Forwarded configures how the registry learns a request's external
// scheme, host and client address behind reverse proxies.
type Forwarded struct {
	// TrustedProxies lists the IP addresses and CIDR prefixes of the
	// proxies whose forwarding headers are believed.
	TrustedProxies StringList `yaml:"trustedproxies,omitempty"`

	// Header is the family of headers those proxies write, the other being
	// ignored: "x-forwarded" (the default) or "forwarded" (RFC 7239).
	Header string `yaml:"header,omitempty"`

	// Scheme, when set, is the external scheme ("http" or "https"),
	// whatever the request or its headers say.
	Scheme string `yaml:"scheme,omitempty"`

	// AllowedHosts, when set, lists the hosts the registry serves: a name
	// ("registry.example.com"), or "*." and a domain for its subdomains,
	// each with an optional port, or ":*" for any port. Without a port an
	// entry allows the scheme's default port only. API requests for other
	// hosts are refused with HOST_NOT_ALLOWED.
	AllowedHosts StringList `yaml:"allowedhosts,omitempty"`

	// ProxyProtocol lists the IP addresses and CIDR prefixes of the
	// layer-4 balancers that send a PROXY protocol (v1 or v2) preamble
	// ahead of each connection. From them the preamble is required and
	// names the connection's peer; from any other peer it is refused.
	ProxyProtocol StringList `yaml:"proxyprotocol,omitempty"`

	// ProxyProtocolTimeout bounds the wait for a preamble, written with
	// its unit; it is at least 1s, and 10s when not set.
	ProxyProtocolTimeout Duration `yaml:"proxyprotocoltimeout,omitempty"`
}

// MinProxyProtocolTimeout is the least http.forwarded.proxyprotocoltimeout:
// a balancer sends its preamble as it connects, and a shorter wait would
// close its connections under load rather than bound a slow peer.
const MinProxyProtocolTimeout = time.Second

// DefaultProxyProtocolTimeout is http.forwarded.proxyprotocoltimeout when
// it is not set.
const DefaultProxyProtocolTimeout = 10 * time.Second

// ProxyProtocolWait returns the wait for a PROXY protocol preamble.
func (f *Forwarded) ProxyProtocolWait() time.Duration {
	if f.ProxyProtocolTimeout == 0 {
		return DefaultProxyProtocolTimeout
	}
	return time.Duration(f.ProxyProtocolTimeout)
}

// Duration is a positive time.Duration written with its unit, as "10s". A
// bare number, which YAML would read as nanoseconds, is refused.
type Duration time.Duration

// UnmarshalYAML implements the yaml.Unmarshaler interface.
func (d *Duration) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a duration with a unit, such as 10s", s)
	case v <= 0:
		return fmt.Errorf("%q is not a positive duration", s)
	}
	*d = Duration(v)
	return nil
}

// StringList is a list of strings, written as a YAML sequence or, for one
// member, as a scalar: REGISTRY_HTTP_FORWARDED_TRUSTEDPROXIES=10.0.0.1 is
// as good as [10.0.0.1].
type StringList []string

// UnmarshalYAML implements the yaml.Unmarshaler interface.
func (l *StringList) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		if one != "" {
			*l = StringList{one}
		}
		return nil
	}
	return unmarshal((*[]string)(l))
}

// UnmarshalYAML refuses keys it does not know, and names the key of a value
// of the wrong type: a misspelt key would otherwise leave the registry
// believing no proxy, silently.
func (f *Forwarded) UnmarshalYAML(unmarshal func(any) error) error {
	var raw any
	if err := unmarshal(&raw); err != nil {
		return err
	}
	if _, ok := raw.(map[any]any); !ok && raw != nil {
		return errors.New("http.forwarded: not a section of keys")
	}
	var keys yaml.MapSlice
	if err := unmarshal(&keys); err != nil {
		return err
	}
	known := forwardedKeys()
	seen := make(map[string]bool)
	type plain Forwarded
	var explicit Forwarded // the keys written in the section itself
	for _, item := range keys {
		k, _ := item.Key.(string)
		field, ok := known[k]
		switch {
		case !ok:
			return fmt.Errorf("http.forwarded.%v: unknown key", item.Key)
		case seen[k]:
			return fmt.Errorf("http.forwarded.%s: given twice", k)
		}
		seen[k] = true
		// Each value alone, so that an error names its key. The error's
		// line is that of the value alone, not of the file: it goes.
		value, err := yaml.Marshal(item.Value)
		v := reflect.New(field.Type)
		if err == nil {
			err = yaml.Unmarshal(value, v.Interface())
		}
		if err != nil {
			return fmt.Errorf("http.forwarded.%s: %s", k, yamlLine.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n"), ""))
		}
		reflect.ValueOf(&explicit).Elem().FieldByIndex(field.Index).Set(v.Elem())
	}
	if err := unmarshal((*plain)(f)); err != nil {
		return err
	}
	// A YAML merge key (<<) is left out of the keys read above, not out of
	// the section: what it brings or overrides would escape their checks.
	var merged map[string]any
	if err := unmarshal(&merged); err != nil || len(merged) != len(seen) || !reflect.DeepEqual(*f, explicit) {
		return errors.New("http.forwarded: a YAML merge key (<<) sets keys of the section; write them out in it")
	}
	return nil
}

// yamlLine matches the line number of a YAML error.
var yamlLine = regexp.MustCompile(`(?m)^\s*line \d+: `)

// forwardedKeys returns the fields of Forwarded by their keys.
func forwardedKeys() map[string]reflect.StructField {
	keys := make(map[string]reflect.StructField)
	t := reflect.TypeFor[Forwarded]()
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		keys[key] = t.Field(i)
	}
	return keys
}

// checkForwardedSpelling returns an error for a key that is meant to be
// http.forwarded but is not, in the configuration file in or the
// environment: "Forwarded", "fowarded", a "forwarded" section outside
// http, or an unknown REGISTRY_HTTP_FORWARDED_ variable. Each would
// otherwise be ignored, as any unknown key is, and leave the registry
// believing every client's forwarding headers without a word.
func checkForwardedSpelling(in []byte, environ []string) error {
	doc, inFile, err := readForChecks(in, "")
	if err != nil {
		return err
	}
	if err := checkHTTPReplaced(doc, inFile, environ); err != nil {
		return err
	}
	known := forwardedKeys()
	for _, env := range environ {
		name, _, _ := strings.Cut(env, "=")
		if key, ok := strings.CutPrefix(name, "REGISTRY_HTTP_FORWARDED_"); ok {
			// The parser reads upper-case names only.
			if _, ok := known[strings.ToLower(key)]; !ok || key != strings.ToUpper(key) {
				return fmt.Errorf("%s: not a key of http.forwarded", name)
			}
			continue
		}
		parts := strings.Split(name, "_")
		if !strings.EqualFold(parts[0], "REGISTRY") || name == "REGISTRY_HTTP_FORWARDED" ||
			strings.HasPrefix(name, "REGISTRY_LOG_FIELDS_") || strings.HasPrefix(name, "REGISTRY_HTTP_HEADERS_") {
			continue // log fields and header names are not configuration
		}
		for _, part := range parts[1:] {
			if editDistance(strings.ToLower(part), "forwarded") <= 2 {
				return fmt.Errorf("%s: not a variable of http.forwarded, whose are REGISTRY_HTTP_FORWARDED_ and a key in upper case", name)
			}
		}
	}
	return nil
}

// readForChecks reads the YAML document in, the configuration file or
// REGISTRY_HTTP's value (at path ".http"), and checks its keys twice: as
// the parser will read them, merge keys (<<) applied and a value whose tag
// does not fit it kept, since the parser ignores an unknown key's value;
// and as written, with YAML's node API, which decodes no value, so that
// neither such a value nor an alias that holds itself, nor one that
// expands too far for the parser, can turn the checks off. It returns the
// document's root mapping as written, for the checks of keys given twice,
// and whether it holds the section.
func readForChecks(in []byte, path string) (*yamlnode.Node, bool, error) {
	var read yamlTree
	if err := yaml.Unmarshal(in, &read); err != nil {
		return nil, false, nil // the parser reports it
	}
	if err := checkKeys(read, path); err != nil {
		return nil, false, err
	}
	at := []string{"http", "forwarded"}[strings.Count(path, "."):]
	_, present := read.lookup(at...)
	// The parser reads the first document only, and ignores what follows
	// it: a section there would be dropped without a word.
	dec := yamlnode.NewDecoder(bytes.NewReader(in))
	var doc, next yamlnode.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		_, isMap := read.value.(map[any]yamlTree)
		if present || !isMap || namesForwarded(in) {
			return nil, false, fmt.Errorf("http.forwarded: the checks of the section cannot read the YAML around it (%w)", err)
		}
		return nil, false, nil
	}
	if err := dec.Decode(&next); err != io.EOF {
		after := target(&next)
		if present || namesForwarded(in) || err == nil && (holds(after, at, map[walked]bool{}) || checkWrittenKeys(after, path) != nil) {
			return nil, false, errors.New("http.forwarded: the file holds text after its first YAML document, which the registry does not read; remove it")
		}
	}
	root := target(&doc)
	if err := checkWrittenKeys(root, path); err != nil {
		return nil, false, err
	}
	present = present || holds(root, at, map[walked]bool{})
	if present && mergedOnPath(root, at) {
		return nil, false, errors.New("http.forwarded: set or changed through a YAML merge key (<<); write the section out in http")
	}
	return root, present, nil
}

// namesForwarded reports whether the YAML text in holds a word within two
// edits of "forwarded", in any case.
func namesForwarded(in []byte) bool {
	words := strings.FieldsFunc(yamlText(in), func(r rune) bool { return r < utf8.RuneSelf && !unicode.IsLetter(r) })
	return slices.ContainsFunc(words, func(w string) bool { return editDistance(strings.ToLower(w), "forwarded") <= 2 })
}

// yamlText returns in as text: YAML may be written in UTF-16, after a
// byte order mark.
func yamlText(in []byte) string {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(in, []byte{0xff, 0xfe}):
		order = binary.LittleEndian
	case bytes.HasPrefix(in, []byte{0xfe, 0xff}):
		order = binary.BigEndian
	default:
		return string(in)
	}
	units := make([]uint16, (len(in)-2)/2)
	for i := range units {
		units[i] = order.Uint16(in[2+2*i:])
	}
	return string(utf16.Decode(units))
}

// target returns the node n stands for: a document's content, an alias's
// anchored node.
func target(n *yamlnode.Node) *yamlnode.Node {
	if n != nil && n.Kind == yamlnode.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n != nil && n.Kind == yamlnode.AliasNode {
		n = n.Alias
	}
	return n
}

// isMerge reports whether the mapping key k may be a merge key as the parser
// reads one: "<<" tagged !!merge, plain, or with the tag "!" in any style.
// The node API does not tell "!" from no tag, so a quoted "<<" counts too.
func isMerge(k *yamlnode.Node) bool {
	return k.Kind == yamlnode.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Style&yamlnode.TaggedStyle == 0)
}

// keyName returns the mapping key k as the parser reads it: a scalar's
// text whatever its tag, decoded when it is !!binary.
func keyName(k *yamlnode.Node) (string, bool) {
	k = target(k)
	if k == nil || k.Kind != yamlnode.ScalarNode || isMerge(k) {
		return "", false
	}
	if k.Tag == "!!binary" {
		if b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(k.Value), "")); err == nil {
			return string(b), true
		}
	}
	return k.Value, true
}

// values returns the values the mapping m gives key, in order, as written:
// a key given twice gives two.
func values(m *yamlnode.Node, key string) []*yamlnode.Node {
	var vs []*yamlnode.Node
	if m == nil || m.Kind != yamlnode.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if name, ok := keyName(m.Content[i]); ok && name == key {
			vs = append(vs, target(m.Content[i+1]))
		}
	}
	return vs
}

// merged returns the mappings the value of a merge key brings: one, or a
// sequence of them.
func merged(v *yamlnode.Node) []*yamlnode.Node {
	v = target(v)
	if v == nil || v.Kind != yamlnode.SequenceNode {
		return []*yamlnode.Node{v}
	}
	ms := make([]*yamlnode.Node, 0, len(v.Content))
	for _, e := range v.Content {
		ms = append(ms, target(e))
	}
	return ms
}

// walked is a mapping already looked at for a path of keys.
type walked struct {
	m    *yamlnode.Node
	path string
}

// holds reports whether the mapping m holds the path of keys, written or
// through merge keys. Each mapping is looked at once for each path, in
// seen, however often it is merged or aliased, and a document may merge a
// mapping into itself.
func holds(m *yamlnode.Node, at []string, seen map[walked]bool) bool {
	if len(at) == 0 {
		return true
	}
	w := walked{m, strings.Join(at, ".")}
	if m == nil || m.Kind != yamlnode.MappingNode || seen[w] {
		return false
	}
	seen[w] = true
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if isMerge(k) {
			if slices.ContainsFunc(merged(v), func(mm *yamlnode.Node) bool { return holds(mm, at, seen) }) {
				return true
			}
		} else if name, ok := keyName(k); ok && name == at[0] && holds(target(v), at[1:], seen) {
			return true
		}
	}
	return false
}

// mergedOnPath reports whether a merge key brings a key on the path to the
// section: http into the document, forwarded into an http mapping. One
// that brings keys into the section itself is refused as the section is
// read.
func mergedOnPath(m *yamlnode.Node, at []string) bool {
	if len(at) == 0 || m == nil || m.Kind != yamlnode.MappingNode {
		return false
	}
	seen := map[walked]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if isMerge(m.Content[i]) && slices.ContainsFunc(merged(m.Content[i+1]), func(mm *yamlnode.Node) bool { return holds(mm, at[:1], seen) }) {
			return true
		}
	}
	return slices.ContainsFunc(values(m, at[0]), func(v *yamlnode.Node) bool { return mergedOnPath(v, at[1:]) })
}

// checkWrittenKeys is checkKeys for the keys as written: each mapping where
// it is written, aliases not followed, a mapping a merge key brings in place
// at the merge key's path. The parser keeps the last of a key given twice,
// and ignores a value it does not need; the keys as written hide neither.
func checkWrittenKeys(n *yamlnode.Node, path string) error {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yamlnode.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if isMerge(k) {
				if err := checkWrittenKeys(v, path); err != nil {
					return err
				}
				continue
			}
			name, ok := keyName(k)
			if !ok {
				continue
			}
			if err := checkKey(name, path+"."+name); err != nil {
				return err
			}
			if notConfiguration(path + "." + name) {
				continue
			}
			if err := checkWrittenKeys(v, path+"."+name); err != nil {
				return err
			}
		}
	case yamlnode.SequenceNode:
		for _, e := range n.Content {
			if err := checkWrittenKeys(e, path); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlTree is a YAML value as the parser reads it, for the checks of keys:
// a map[any]yamlTree with merge keys applied and, of a key given twice,
// the last; a []yamlTree; or a scalar's text, "" when its tag does not fit
// it.
type yamlTree struct{ value any }

// UnmarshalYAML implements the yaml.Unmarshaler interface.
func (t *yamlTree) UnmarshalYAML(unmarshal func(any) error) error {
	var m map[any]yamlTree
	if unmarshal(&m) == nil {
		t.value = m
		return nil
	}
	var l []yamlTree
	if unmarshal(&l) == nil {
		t.value = l
		return nil
	}
	var s string
	_ = unmarshal(&s)
	t.value = s
	return nil
}

// lookup returns the value at the path of keys, and whether it is there.
func (t yamlTree) lookup(keys ...string) (yamlTree, bool) {
	for _, k := range keys {
		m, _ := t.value.(map[any]yamlTree)
		v, ok := m[k]
		if !ok {
			return yamlTree{}, false
		}
		t = v
	}
	return t, true
}

// checkHTTPReplaced refuses what would drop the file's http.forwarded
// without a word: a second http mapping, of which the parser reads the
// last, and REGISTRY_HTTP, which replaces the file's http mapping, when
// either leaves the section out. REGISTRY_HTTP's keys are checked as the
// file's are.
func checkHTTPReplaced(doc *yamlnode.Node, inFile bool, environ []string) error {
	sections := values(doc, "http")
	// Of two http mappings the parser reads the last; either may hold it.
	inFile = inFile || slices.ContainsFunc(sections, func(m *yamlnode.Node) bool { return len(values(m, "forwarded")) > 0 })
	if len(sections) > 1 && inFile {
		return errors.New("http: given twice, with http.forwarded in it; the registry would read the last only")
	}
	for _, m := range sections {
		if len(values(m, "forwarded")) > 1 {
			return errors.New("http.forwarded: given twice")
		}
	}
	for _, env := range environ {
		value, ok := strings.CutPrefix(env, "REGISTRY_HTTP=")
		if !ok {
			continue
		}
		m, inEnv, err := readForChecks([]byte(value), ".http")
		if err != nil {
			return fmt.Errorf("REGISTRY_HTTP: %w", err)
		}
		if len(values(m, "forwarded")) > 1 {
			return errors.New("REGISTRY_HTTP: http.forwarded: given twice")
		}
		if inFile && !inEnv {
			return errors.New("REGISTRY_HTTP replaces the file's http section and drops its http.forwarded: write forwarded in REGISTRY_HTTP, or set single keys (REGISTRY_HTTP_ADDR)")
		}
	}
	return nil
}

// checkKeys walks the mappings of a YAML document for a key within two
// edits of "forwarded", in any case, anywhere but at http.forwarded. The
// keys of a headers mapping are header names, not configuration.
func checkKeys(t yamlTree, path string) error {
	switch v := t.value.(type) {
	case map[any]yamlTree:
		keys := slices.Collect(maps.Keys(v))
		slices.SortFunc(keys, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, key := range keys {
			k, ok := key.(string)
			if !ok {
				continue
			}
			p := path + "." + k
			if err := checkKey(k, p); err != nil {
				return err
			}
			if notConfiguration(p) {
				continue
			}
			if err := checkKeys(v[key], p); err != nil {
				return err
			}
		}
	case []yamlTree:
		for _, e := range v {
			if err := checkKeys(e, path); err != nil {
				return err
			}
		}
	}
	return nil
}

// notConfiguration reports whether the keys of the mapping at path p are
// not configuration: header names and log fields.
func notConfiguration(p string) bool {
	return p == ".http.headers" || p == ".notifications.endpoints.headers" || p == ".log.fields"
}

// checkKey refuses a key within two edits of "forwarded", in any case, at
// p, its path, unless p is http.forwarded.
func checkKey(k, p string) error {
	if p != ".http.forwarded" && editDistance(strings.ToLower(k), "forwarded") <= 2 {
		return fmt.Errorf("%q: unknown key; the section of trusted proxies is http.forwarded, spelt so", p[1:])
	}
	return nil
}

// editDistance returns the Levenshtein distance between a and b, in
// characters: an invisible one or a look-alike from another script is one
// edit.
func editDistance(s, t string) int {
	a, b := []rune(s), []rune(t)
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			diag, row[j] = row[j], min(row[j]+1, row[j-1]+1, diag+cost)
		}
	}
	return row[len(b)]
}

// TrustedPrefixes parses TrustedProxies. An address is a single-address
// prefix.
func (f *Forwarded) TrustedPrefixes() ([]netip.Prefix, error) {
	return parsePrefixes("trustedproxies", f.TrustedProxies)
}

// ProxyProtocolPrefixes parses ProxyProtocol as TrustedPrefixes parses
// TrustedProxies.
func (f *Forwarded) ProxyProtocolPrefixes() ([]netip.Prefix, error) {
	return parsePrefixes("proxyprotocol", f.ProxyProtocol)
}

// parsePrefixes parses the addresses and prefixes of the list under key.
func parsePrefixes(key string, list []string) ([]netip.Prefix, error) {
	prefixes := make([]netip.Prefix, 0, len(list))
	for _, s := range list {
		prefix, err := netip.ParsePrefix(s)
		if a, aerr := netip.ParseAddr(s); aerr == nil && a.Zone() == "" {
			prefix, err = a.Prefix(a.BitLen())
		}
		if err != nil {
			return nil, fmt.Errorf("http.forwarded.%s: %q is not an IP address or CIDR prefix%s", key, s, listHint(s))
		}
		// An IPv4-mapped prefix is its IPv4 form, as peers are compared unmapped.
		if a := prefix.Addr(); a.Is4In6() && prefix.Bits() >= 96 {
			prefix = netip.PrefixFrom(a.Unmap(), prefix.Bits()-96)
		}
		prefixes = append(prefixes, prefix.Masked())
	}
	return prefixes, nil
}

// listHint suggests the YAML form of a list for a value that looks like
// one written with commas, as in an environment variable.
func listHint(s string) string {
	if !strings.Contains(s, ",") {
		return ""
	}
	members := strings.Split(s, ",")
	for i := range members {
		members[i] = strings.TrimSpace(members[i])
	}
	return fmt.Sprintf("; a list is written [%s]", strings.Join(members, ", "))
}

func (f *Forwarded) validate() error {
	if _, err := f.TrustedPrefixes(); err != nil {
		return err
	}
	if _, err := f.ProxyProtocolPrefixes(); err != nil {
		return err
	}
	if t := time.Duration(f.ProxyProtocolTimeout); t != 0 && t < MinProxyProtocolTimeout {
		return fmt.Errorf("http.forwarded.proxyprotocoltimeout: %s is below the minimum, %s", t, MinProxyProtocolTimeout)
	}
	for _, h := range f.AllowedHosts {
		if !validHostPattern(h) {
			return fmt.Errorf("http.forwarded.allowedhosts: %q is not a host[:port] or *.domain[:port] pattern%s", h, listHint(h))
		}
	}
	if h := strings.ToLower(f.Header); h != "" && h != "x-forwarded" && h != "forwarded" {
		return fmt.Errorf("http.forwarded.header: %q is not x-forwarded or forwarded", f.Header)
	}
	if s := strings.ToLower(f.Scheme); s != "" && s != "http" && s != "https" {
		return fmt.Errorf("http.forwarded.scheme: %q is not http or https", f.Scheme)
	}
	return nil
}

// validHostPattern reports whether s is a host[:port], with "*." before its
// name or "*" for its port, or both.
func validHostPattern(s string) bool {
	s, _ = strings.CutPrefix(s, "*.")
	if name, ok := strings.CutSuffix(s, ":*"); ok {
		s = name + ":1"
	}
	return requestutil.ValidHost(s)
}

// Debug defines the configuration options for the registry's debug interface.
// It allows administrators to enable or disable the debug server and configure
// telemetry and monitoring endpoints such as Prometheus.
type Debug struct {
	// Addr specifies the bind address for the debug server.
	Addr string `yaml:"addr,omitempty"`

	// Prometheus configures the Prometheus telemetry endpoint for monitoring purposes.
	Prometheus Prometheus `yaml:"prometheus,omitempty"`
}

// Prometheus configures the Prometheus telemetry endpoint for the registry.
// It allows administrators to enable Prometheus monitoring and customize
// the scrape path for metric collection.
type Prometheus struct {
	// Enabled determines whether Prometheus telemetry is enabled or not.
	Enabled bool `yaml:"enabled,omitempty"`

	// Path specifies the URL path where the Prometheus metrics are exposed.
	// The default is "/metrics", but it can be customized here.
	Path string `yaml:"path,omitempty"`
}

// HTTP2 configures options.
type HTTP2 struct {
	// Specifies whether the registry should disallow clients attempting
	// to connect via HTTP/2. If set to true, only HTTP/1.1 is supported.
	Disabled bool `yaml:"disabled,omitempty"`
}

// H2C configures support for HTTP/2 Cleartext.
type H2C struct {
	// Enables H2C (HTTP/2 Cleartext). Enable to support HTTP/2 without needing to configure TLS
	// Useful when deploying the registry behind a load balancer (e.g. Cloud Run)
	Enabled bool `yaml:"enabled,omitempty"`
}

// TLS defines the configuration options for enabling and configuring TLS (Transport Layer Security)
// for secure communication between the registry and clients. It allows the registry to listen for
// HTTPS connections with a specified certificate, key, and optional client authentication settings.
type TLS struct {
	// Certificate specifies the path to an x509 certificate file to
	// be used for TLS.
	Certificate string `yaml:"certificate,omitempty"`

	// Key specifies the path to the x509 key file, which should
	// contain the private portion for the file specified in
	// Certificate.
	Key string `yaml:"key,omitempty"`

	// Specifies the CA certs for client authentication
	// A file may contain multiple CA certificates encoded as PEM
	ClientCAs []string `yaml:"clientcas,omitempty"`

	// Client certificate authentication mode
	// One of: request-client-cert, require-any-client-cert, verify-client-cert-if-given, require-and-verify-client-cert
	ClientAuth ClientAuth `yaml:"clientauth,omitempty"`

	// Specifies the lowest TLS version allowed
	MinimumTLS string `yaml:"minimumtls,omitempty"`

	// Specifies a list of cipher suites allowed
	CipherSuites []string `yaml:"ciphersuites,omitempty"`

	// LetsEncrypt is used to configuration setting up TLS through
	// Let's Encrypt instead of manually specifying certificate and
	// key. If a TLS certificate is specified, the Let's Encrypt
	// section will not be used.
	LetsEncrypt LetsEncrypt `yaml:"letsencrypt,omitempty"`
}

// LetsEncrypt configures automatic TLS certificate provisioning using Let's Encrypt.
type LetsEncrypt struct {
	// CacheFile specifies cache file to use for lets encrypt
	// certificates and keys.
	CacheFile string `yaml:"cachefile,omitempty"`

	// Email is the email to use during Let's Encrypt registration
	Email string `yaml:"email,omitempty"`

	// Hosts specifies the hosts which are allowed to obtain Let's
	// Encrypt certificates.
	Hosts []string `yaml:"hosts,omitempty"`

	// DirectoryURL points to the CA directory endpoint.
	// If empty, LetsEncrypt is used.
	DirectoryURL string `yaml:"directoryurl,omitempty"`
}

// Tags provides configuration options for the "/v2/<name>/tags/list" endpoint.
type Tags struct {
	// MaxTags limits the maximum number of tags returned by the tags endpoint.
	// Requesting n tags to the tags endpoint will return at most MaxTags tags.
	// Default to 1000 tags if not set.
	MaxTags int `yaml:"maxtags,omitempty"`
}

// LogHook is composed of hook Level and Type.
// After hooks configuration, it can execute the next handling automatically,
// when defined levels of log message emitted.
// Example: hook can sending an email notification when error log happens in app.
type LogHook struct {
	// Disable lets user select to enable hook or not.
	Disabled bool `yaml:"disabled,omitempty"`

	// Type allows user to select which type of hook handler they want.
	Type string `yaml:"type,omitempty"`

	// Levels set which levels of log message will let hook executed.
	Levels []string `yaml:"levels,omitempty"`

	// MailOptions allows user to configure email parameters.
	MailOptions MailOptions `yaml:"options,omitempty"`
}

// MailOptions provides the configuration sections to user, for specific handler.
type MailOptions struct {
	// SMTP defines the configuration options for the SMTP server used for sending email notifications.
	SMTP SMTP `yaml:"smtp,omitempty"`

	// From defines mail sending address
	From string `yaml:"from,omitempty"`

	// To defines mail receiving address
	To []string `yaml:"to,omitempty"`
}

// SMTP represents the configuration for an SMTP (Simple Mail Transfer Protocol) server
// used for sending emails. It includes settings for the SMTP server's address, authentication,
// and other relevant configurations needed to connect and send emails.
type SMTP struct {
	// Addr defines smtp host address
	Addr string `yaml:"addr,omitempty"`

	// Username defines user name to smtp host
	Username string `yaml:"username,omitempty"`

	// Password defines password of login user
	Password string `yaml:"password,omitempty"`

	// Insecure defines if smtp login skips the secure certification.
	Insecure bool `yaml:"insecure,omitempty"`
}

// FileChecker is a type of entry in the health section for checking files.
type FileChecker struct {
	// Interval is the duration in between checks
	Interval time.Duration `yaml:"interval,omitempty"`

	// File is the path to check
	File string `yaml:"file,omitempty"`

	// Threshold is the number of times a check must fail to trigger an
	// unhealthy state
	Threshold int `yaml:"threshold,omitempty"`
}

// HTTPChecker is a type of entry in the health section for checking HTTP URIs.
type HTTPChecker struct {
	// Timeout is the duration to wait before timing out the HTTP request
	Timeout time.Duration `yaml:"timeout,omitempty"`

	// StatusCode is the expected status code
	StatusCode int

	// Interval is the duration in between checks
	Interval time.Duration `yaml:"interval,omitempty"`

	// URI is the HTTP URI to check
	URI string `yaml:"uri,omitempty"`

	// Headers lists static headers that should be added to all requests
	Headers http.Header `yaml:"headers"`

	// Threshold is the number of times a check must fail to trigger an
	// unhealthy state
	Threshold int `yaml:"threshold,omitempty"`
}

// TCPChecker is a type of entry in the health section for checking TCP servers.
type TCPChecker struct {
	// Timeout is the duration to wait before timing out the TCP connection
	Timeout time.Duration `yaml:"timeout,omitempty"`

	// Interval is the duration in between checks
	Interval time.Duration `yaml:"interval,omitempty"`

	// Addr is the TCP address to check
	Addr string `yaml:"addr,omitempty"`

	// Threshold is the number of times a check must fail to trigger an
	// unhealthy state
	Threshold int `yaml:"threshold,omitempty"`
}

// Health provides the configuration section for health checks.
type Health struct {
	// FileCheckers is a list of paths to check
	FileCheckers []FileChecker `yaml:"file,omitempty"`

	// HTTPCheckers is a list of URIs to check
	HTTPCheckers []HTTPChecker `yaml:"http,omitempty"`

	// TCPCheckers is a list of URIs to check
	TCPCheckers []TCPChecker `yaml:"tcp,omitempty"`

	// StorageDriver configures a health check on the configured storage
	// driver
	StorageDriver StorageDriver `yaml:"storagedriver,omitempty"`
}

// StorageDriver configures health checks specific to the storage driver.
type StorageDriver struct {
	// Enabled turns on the health check for the storage driver
	Enabled bool `yaml:"enabled,omitempty"`

	// Interval is the duration in between checks
	Interval time.Duration `yaml:"interval,omitempty"`

	// Threshold is the number of times a check must fail to trigger an
	// unhealthy state
	Threshold int `yaml:"threshold,omitempty"`
}

// Platform specifies the characteristics of a computing environment
// and allows registry administrators to define required platforms for image validation.
// Administrators can select specific architectures and operating systems that must exist
// in the registry. This ensures that all image indexes uploaded to the registry are valid
// for the specified platforms.
type Platform struct {
	// Architecture is the architecture for this platform
	Architecture string `yaml:"architecture,omitempty"`

	// OS is the operating system for this platform
	OS string `yaml:"os,omitempty"`
}

// v0_1Configuration is a Version 0.1 Configuration struct
// This is currently aliased to Configuration, as it is the current version
type v0_1Configuration Configuration

// UnmarshalYAML implements the yaml.Unmarshaler interface
// Unmarshals a string of the form X.Y into a Version, validating that X and Y can represent unsigned integers
func (version *Version) UnmarshalYAML(unmarshal func(any) error) error {
	var versionString string
	err := unmarshal(&versionString)
	if err != nil {
		return err
	}

	newVersion := Version(versionString)
	if _, err := newVersion.major(); err != nil {
		return err
	}

	if _, err := newVersion.minor(); err != nil {
		return err
	}

	*version = newVersion
	return nil
}

// CurrentVersion is the most recent Version that can be parsed
var CurrentVersion = MajorMinorVersion(0, 1)

// Loglevel is the level at which operations are logged
// This can be error, warn, info, or debug
type Loglevel string

// UnmarshalYAML implements the yaml.Umarshaler interface
// Unmarshals a string into a Loglevel, lowercasing the string and validating that it represents a
// valid loglevel
func (loglevel *Loglevel) UnmarshalYAML(unmarshal func(any) error) error {
	var loglevelString string
	err := unmarshal(&loglevelString)
	if err != nil {
		return err
	}

	loglevelString = strings.ToLower(loglevelString)
	switch loglevelString {
	case "error", "warn", "info", "debug":
	default:
		return fmt.Errorf("invalid loglevel %s Must be one of [error, warn, info, debug]", loglevelString)
	}

	*loglevel = Loglevel(loglevelString)
	return nil
}

// Parameters defines a key-value parameters mapping
type Parameters map[string]any

// Storage defines the configuration for registry object storage
type Storage map[string]Parameters

// Type returns the storage driver type, such as filesystem or s3
func (storage Storage) Type() string {
	var storageType []string

	// Return only key in this map
	for k := range storage {
		switch k {
		case "maintenance":
			// allow configuration of maintenance
		case "cache":
			// allow configuration of caching
		case "delete":
			// allow configuration of delete
		case "redirect":
			// allow configuration of redirect
		case "tag":
			// allow configuration of tag
		default:
			storageType = append(storageType, k)
		}
	}
	if len(storageType) > 1 {
		panic("multiple storage drivers specified in configuration or environment: " + strings.Join(storageType, ", "))
	}
	if len(storageType) == 1 {
		return storageType[0]
	}
	return ""
}

// TagParameters returns the Parameters map for a Storage tag configuration
func (storage Storage) TagParameters() Parameters {
	return storage["tag"]
}

// setTagParameter changes the parameter at the provided key to the new value
func (storage Storage) setTagParameter(key string, value any) {
	if _, ok := storage["tag"]; !ok {
		storage["tag"] = make(Parameters)
	}
	storage["tag"][key] = value
}

// Parameters returns the Parameters map for a Storage configuration
func (storage Storage) Parameters() Parameters {
	return storage[storage.Type()]
}

// setParameter changes the parameter at the provided key to the new value
func (storage Storage) setParameter(key string, value any) {
	storage[storage.Type()][key] = value
}

// UnmarshalYAML implements the yaml.Unmarshaler interface
// Unmarshals a single item map into a Storage or a string into a Storage type with no parameters
func (storage *Storage) UnmarshalYAML(unmarshal func(any) error) error {
	var storageMap map[string]Parameters
	err := unmarshal(&storageMap)
	if err == nil {
		if len(storageMap) > 1 {
			types := make([]string, 0, len(storageMap))
			for k := range storageMap {
				switch k {
				case "maintenance":
					// allow for configuration of maintenance
				case "cache":
					// allow configuration of caching
				case "delete":
					// allow configuration of delete
				case "redirect":
					// allow configuration of redirect
				case "tag":
					// allow configuration of tag
				default:
					types = append(types, k)
				}
			}

			if len(types) > 1 {
				return fmt.Errorf("must provide exactly one storage type. Provided: %v", types)
			}
		}
		*storage = storageMap
		return nil
	}

	var storageType string
	err = unmarshal(&storageType)
	if err == nil {
		*storage = Storage{storageType: Parameters{}}
		return nil
	}

	return err
}

// MarshalYAML implements the yaml.Marshaler interface
func (storage Storage) MarshalYAML() (any, error) {
	if storage.Parameters() == nil {
		return storage.Type(), nil
	}
	return map[string]Parameters(storage), nil
}

// Auth defines the configuration for registry authorization.
type Auth map[string]Parameters

// Type returns the auth type, such as htpasswd or token
func (auth Auth) Type() string {
	// Return only key in this map
	for k := range auth {
		return k
	}
	return ""
}

// Parameters returns the Parameters map for an Auth configuration
func (auth Auth) Parameters() Parameters {
	return auth[auth.Type()]
}

// setParameter changes the parameter at the provided key to the new value
func (auth Auth) setParameter(key string, value any) {
	auth[auth.Type()][key] = value
}

// UnmarshalYAML implements the yaml.Unmarshaler interface
// Unmarshals a single item map into a Storage or a string into a Storage type with no parameters
func (auth *Auth) UnmarshalYAML(unmarshal func(any) error) error {
	var m map[string]Parameters
	err := unmarshal(&m)
	if err == nil {
		if len(m) > 1 {
			types := make([]string, 0, len(m))
			for k := range m {
				types = append(types, k)
			}

			// TODO(stevvooe): May want to change this slightly for
			// authorization to allow multiple challenges.
			return fmt.Errorf("must provide exactly one type. Provided: %v", types)

		}
		*auth = m
		return nil
	}

	var authType string
	err = unmarshal(&authType)
	if err == nil {
		*auth = Auth{authType: Parameters{}}
		return nil
	}

	return err
}

// MarshalYAML implements the yaml.Marshaler interface
func (auth Auth) MarshalYAML() (any, error) {
	if auth.Parameters() == nil {
		return auth.Type(), nil
	}
	return map[string]Parameters(auth), nil
}

// Notifications configures multiple http endpoints.
type Notifications struct {
	// EventConfig is the configuration for the event format that is sent to each Endpoint.
	EventConfig Events `yaml:"events,omitempty"`
	// Endpoints is a list of http configurations for endpoints that
	// respond to webhook notifications. In the future, we may allow other
	// kinds of endpoints, such as external queues.
	Endpoints []Endpoint `yaml:"endpoints,omitempty"`
}

// Endpoint describes the configuration of an http webhook notification
// endpoint.
type Endpoint struct {
	Name              string        `yaml:"name"`              // identifies the endpoint in the registry instance.
	Disabled          bool          `yaml:"disabled"`          // disables the endpoint
	URL               string        `yaml:"url"`               // post url for the endpoint.
	Headers           http.Header   `yaml:"headers"`           // static headers that should be added to all requests
	Timeout           time.Duration `yaml:"timeout"`           // HTTP timeout
	Threshold         int           `yaml:"threshold"`         // circuit breaker threshold before backing off on failure
	Backoff           time.Duration `yaml:"backoff"`           // backoff duration
	IgnoredMediaTypes []string      `yaml:"ignoredmediatypes"` // target media types to ignore
	Ignore            Ignore        `yaml:"ignore"`            // ignore event types
}

// Events configures notification events.
type Events struct {
	IncludeReferences bool `yaml:"includereferences"` // include reference data in manifest events
}

// Ignore configures mediaTypes and actions of the event, that it won't be propagated
type Ignore struct {
	MediaTypes []string `yaml:"mediatypes"` // target media types to ignore
	Actions    []string `yaml:"actions"`    // ignore action types
}

// Middleware configures named middlewares to be applied at injection points.
type Middleware struct {
	// Name the middleware registers itself as
	Name string `yaml:"name"`
	// Flag to disable middleware easily
	Disabled bool `yaml:"disabled,omitempty"`
	// Map of parameters that will be passed to the middleware's initialization function
	Options Parameters `yaml:"options"`
}

// Proxy configures the registry as a pull through cache
type Proxy struct {
	// RemoteURL is the URL of the remote registry
	RemoteURL string `yaml:"remoteurl"`

	// Username of the hub user
	Username string `yaml:"username"`

	// Password of the hub user
	Password string `yaml:"password"`

	// Exec specifies a custom exec-based command to retrieve credentials.
	// If set, Username and Password are ignored.
	Exec *ExecConfig `yaml:"exec,omitempty"`

	// TTL is the expiry time of the content and will be cleaned up when it expires
	// if not set, defaults to 7 * 24 hours
	// If set to zero, will never expire cache
	TTL *time.Duration `yaml:"ttl,omitempty"`

	// CacheWriteTimeout is the maximum duration allowed for cache write operations
	// to complete when pulling blobs from the remote registry. This timeout ensures
	// that cache writes don't hang indefinitely if the storage backend is slow.
	// If not set, defaults to 5 minutes.
	CacheWriteTimeout *time.Duration `yaml:"cachewritetimeout,omitempty"`
}

// ExecConfig defines the configuration for executing a command as a credential helper.
// This allows the registry to authenticate against an upstream registry by executing a
// specified command to obtain credentials. The command can be re-executed based on the
// configured lifetime, enabling the registry to run as a pull-through cache that manages
// its authentication dynamically.
type ExecConfig struct {
	// Command is the command to execute.
	Command string `yaml:"command"`

	// Lifetime is the expiry period of the credentials. The credentials
	// returned by the command is reused through the configured lifetime, then
	// the command will be re-executed to retrieve new credentials.
	// If set to zero, the command will be executed for every request.
	// If not set, the command will only be executed once.
	Lifetime *time.Duration `yaml:"lifetime,omitempty"`
}

// Validation configures validation options for the registry.
type Validation struct {
	// Enabled enables the other options in this section. This field is
	// deprecated in favor of Disabled.
	Enabled bool `yaml:"enabled,omitempty"`

	// Disabled disables the other options in this section.
	Disabled bool `yaml:"disabled,omitempty"`

	// Manifests configures manifest validation.
	Manifests ValidationManifests `yaml:"manifests,omitempty"`
}

// ValidationManifests configures validation rules for manifests pushed to the registry.
type ValidationManifests struct {
	// URLs configures validation for URLs in pushed manifests.
	URLs URLs `yaml:"urls,omitempty"`

	// ImageIndexes configures validation of image indexes
	Indexes ValidationIndexes `yaml:"indexes,omitempty"`
}

// URLs defines validation rules for URLs found in the manifests pushed to the registry.
type URLs struct {
	// Allow specifies regular expressions (https://godoc.org/regexp/syntax)
	// that URLs in pushed manifests must match.
	Allow []string `yaml:"allow,omitempty"`

	// Deny specifies regular expressions (https://godoc.org/regexp/syntax)
	// that URLs in pushed manifests must not match.
	Deny []string `yaml:"deny,omitempty"`
}

// ValidationIndexes configures validation rules for image indexes within the manifest.
type ValidationIndexes struct {
	// Platforms configures the validation applies to the platform images included in an image index
	Platforms Platforms `yaml:"platforms"`

	// PlatformList filters the set of platforms to validate for image existence.
	PlatformList []Platform `yaml:"platformlist,omitempty"`
}

// Platforms configures the validation applies to the platform images included in an image index
// This can be all, none, or list
type Platforms string

// UnmarshalYAML implements the yaml.Umarshaler interface
// Unmarshals a string into a Platforms option, lowercasing the string and validating that it represents a
// valid option
func (platforms *Platforms) UnmarshalYAML(unmarshal func(any) error) error {
	var platformsString string
	err := unmarshal(&platformsString)
	if err != nil {
		return err
	}

	platformsString = strings.ToLower(platformsString)
	switch platformsString {
	case "all", "none", "list":
	default:
		return fmt.Errorf("invalid platforms option %s Must be one of [all, none, list]", platformsString)
	}

	*platforms = Platforms(platformsString)
	return nil
}

// Parse parses an input configuration yaml document into a Configuration struct
// This should generally be capable of handling old configuration format versions
//
// Environment variables may be used to override configuration parameters other than version,
// following the scheme below:
// Configuration.Abc may be replaced by the value of REGISTRY_ABC,
// Configuration.Abc.Xyz may be replaced by the value of REGISTRY_ABC_XYZ, and so forth
func Parse(rd io.Reader) (*Configuration, error) {
	in, err := io.ReadAll(rd)
	if err != nil {
		return nil, err
	}

	p := NewParser("registry", []VersionedParseInfo{
		{
			Version: MajorMinorVersion(0, 1),
			ParseAs: reflect.TypeFor[v0_1Configuration](),
			ConversionFunc: func(c any) (any, error) {
				if v0_1, ok := c.(*v0_1Configuration); ok {
					if v0_1.Log.Level == Loglevel("") {
						if v0_1.Loglevel != Loglevel("") {
							v0_1.Log.Level = v0_1.Loglevel
						} else {
							v0_1.Log.Level = Loglevel("info")
						}
					}
					if v0_1.Loglevel != Loglevel("") {
						v0_1.Loglevel = Loglevel("")
					}

					if v0_1.Catalog.MaxEntries <= 0 {
						v0_1.Catalog.MaxEntries = defaultMaxEntries
					}

					if v0_1.Tags.MaxTags <= 0 {
						if v0_1.Tags.MaxTags < 0 {
							return nil, errors.New("maxtags limit must be a non-negative integer value")
						}
						v0_1.Tags.MaxTags = defaultMaxTags
					}

					if v0_1.Storage.Type() == "" {
						return nil, errors.New("no storage configuration provided")
					}
					return (*Configuration)(v0_1), nil
				}
				return nil, fmt.Errorf("expected *v0_1Configuration, received %#v", c)
			},
		},
	})

	// The checks come first: of a section given twice, the parser would
	// report the second's keys as merged into the first's.
	if err := checkForwardedSpelling(in, os.Environ()); err != nil {
		return nil, err
	}
	config := new(Configuration)
	err = p.Parse(in, config)
	if err != nil {
		return nil, err
	}

	// An empty REGISTRY_HTTP_FORWARDED is a present section too, as
	// "forwarded:" with nothing after it is, and believes no proxy.
	if _, ok := os.LookupEnv("REGISTRY_HTTP_FORWARDED"); ok && config.HTTP.Forwarded == nil {
		config.HTTP.Forwarded = &Forwarded{}
	}
	if config.HTTP.Forwarded != nil {
		if err := config.HTTP.Forwarded.validate(); err != nil {
			return nil, err
		}
	}

	return config, nil
}

// RedisOptions represents the configuration options for Redis. This struct can be used
// to configure the connection to Redis in a universal (clustered or standalone) setup.
type RedisOptions struct {
	// Addrs is either a single address or a seed list of host:port addresses
	// of cluster/sentinel nodes.
	Addrs []string `yaml:"addrs,omitempty"`

	// ClientName will execute the `CLIENT SETNAME ClientName` command for each connection.
	ClientName string `yaml:"clientname,omitempty"`

	// DB is the database to be selected after connecting to the server.
	// Only applicable to single-node and failover clients.
	DB int `yaml:"db,omitempty"`

	// Protocol specifies the Redis protocol version to use.
	Protocol int `yaml:"protocol,omitempty"`

	// Username for authentication (used with ACLs).
	Username string `yaml:"username,omitempty"`

	// Password for authentication.
	Password string `yaml:"password,omitempty"`

	// SentinelUsername is the username for Sentinel authentication.
	SentinelUsername string `yaml:"sentinelusername,omitempty"`

	// SentinelPassword is the password for Sentinel authentication.
	SentinelPassword string `yaml:"sentinelpassword,omitempty"`

	// MaxRetries is the maximum number of retries before giving up.
	MaxRetries int `yaml:"maxretries,omitempty"`

	// MinRetryBackoff is the minimum backoff between each retry.
	MinRetryBackoff time.Duration `yaml:"minretrybackoff,omitempty"`

	// MaxRetryBackoff is the maximum backoff between each retry.
	MaxRetryBackoff time.Duration `yaml:"maxretrybackoff,omitempty"`

	// DialTimeout is the timeout for establishing new connections.
	DialTimeout time.Duration `yaml:"dialtimeout,omitempty"`

	// ReadTimeout is the timeout for reading a single command reply.
	ReadTimeout time.Duration `yaml:"readtimeout,omitempty"`

	// WriteTimeout is the timeout for writing a single command.
	WriteTimeout time.Duration `yaml:"writetimeout,omitempty"`

	// ContextTimeoutEnabled enables wrapping operations with a context timeout.
	ContextTimeoutEnabled bool `yaml:"contexttimeoutenabled,omitempty"`

	// PoolFIFO uses FIFO mode for each node connection pool GET/PUT (default is LIFO).
	PoolFIFO bool `yaml:"poolfifo,omitempty"`

	// PoolSize is the maximum number of socket connections.
	PoolSize int `yaml:"poolsize,omitempty"`

	// PoolTimeout is the amount of time a client waits for a connection if all are busy.
	PoolTimeout time.Duration `yaml:"pooltimeout,omitempty"`

	// MinIdleConns is the minimum number of idle connections maintained in the pool.
	MinIdleConns int `yaml:"minidleconns,omitempty"`

	// MaxIdleConns is the maximum number of idle connections.
	MaxIdleConns int `yaml:"maxidleconns,omitempty"`

	// MaxActiveConns is the maximum number of active connections (cluster mode only).
	MaxActiveConns int `yaml:"maxactiveconns,omitempty"`

	// ConnMaxIdleTime is the maximum amount of time a connection can be idle.
	ConnMaxIdleTime time.Duration `yaml:"connmaxidletime,omitempty"`

	// ConnMaxLifetime is the maximum lifetime of a connection.
	ConnMaxLifetime time.Duration `yaml:"connmaxlifetime,omitempty"`

	// MaxRedirects is the maximum number of redirects to follow in cluster mode.
	MaxRedirects int `yaml:"maxredirects,omitempty"`

	// ReadOnly enables read-only mode for cluster clients.
	ReadOnly bool `yaml:"readonly,omitempty"`

	// RouteByLatency routes commands to the closest node based on latency.
	RouteByLatency bool `yaml:"routebylatency,omitempty"`

	// RouteRandomly routes commands randomly among eligible nodes.
	RouteRandomly bool `yaml:"routerandomly,omitempty"`

	// MasterName is the Sentinel master name.
	// Only applicable for failover clients.
	MasterName string `yaml:"mastername,omitempty"`

	// DisableIdentity disables the CLIENT SETINFO command on connect.
	DisableIdentity bool `yaml:"disableidentity,omitempty"`

	// IdentitySuffix is an optional suffix for CLIENT SETINFO.
	IdentitySuffix string `yaml:"identitysuffix,omitempty"`

	// UnstableResp3 enables RESP3 features that are not finalized yet.
	UnstableResp3 bool `yaml:"unstableresp3,omitempty"`
}

// RedisTLSOptions configures the TLS (Transport Layer Security) settings for
// Redis connections, allowing secure communication over the network.
type RedisTLSOptions struct {
	// Certificate specifies the path to the certificate file for TLS authentication.
	// This certificate is used to establish a secure connection with the Redis server.
	Certificate string `yaml:"certificate,omitempty"`

	// Key specifies the path to the private key file associated with the certificate.
	// This key is used to authenticate the client during the TLS handshake.
	Key string `yaml:"key,omitempty"`

	// RootCAs specifies a list of root certificate authorities that clients use when
	// verifying server certificates. If RootCAs is nil, TLS uses the host's root CA set.
	RootCAs []string `yaml:"rootcas,omitempty"`
}

// Redis represents the configuration for connecting to a Redis server. It includes
// both the basic connection options and optional TLS settings to secure the connection.
type Redis struct {
	// Options provides the configuration for connecting to Redis, including
	// options for both clustered and standalone Redis setups. It is provided inline
	// from the `redis.UniversalOptions` struct.
	Options RedisOptions `yaml:",inline"`

	// TLS contains the TLS settings for secure communication with the Redis server.
	// If specified, these settings will enable encryption and authentication via TLS.
	TLS RedisTLSOptions `yaml:"tls,omitempty"`
}

const (
	ClientAuthRequestClientCert          = "request-client-cert"
	ClientAuthRequireAnyClientCert       = "require-any-client-cert"
	ClientAuthVerifyClientCertIfGiven    = "verify-client-cert-if-given"
	ClientAuthRequireAndVerifyClientCert = "require-and-verify-client-cert"
)

type ClientAuth string

// UnmarshalYAML implements the yaml.Umarshaler interface
// Unmarshals a string into a ClientAuth, validating that it represents a valid ClientAuth mod
func (clientAuth *ClientAuth) UnmarshalYAML(unmarshal func(any) error) error {
	var clientAuthString string
	err := unmarshal(&clientAuthString)
	if err != nil {
		return err
	}

	switch clientAuthString {
	case ClientAuthRequestClientCert:
	case ClientAuthRequireAnyClientCert:
	case ClientAuthVerifyClientCertIfGiven:
	case ClientAuthRequireAndVerifyClientCert:
	default:
		return fmt.Errorf("invalid ClientAuth %s Must be one of: %s, %s, %s, %s", clientAuthString, ClientAuthRequestClientCert, ClientAuthRequireAnyClientCert, ClientAuthVerifyClientCertIfGiven, ClientAuthRequireAndVerifyClientCert)
	}

	*clientAuth = ClientAuth(clientAuthString)

	return nil
}
