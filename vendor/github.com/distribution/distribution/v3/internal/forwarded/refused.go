package forwarded

import "strings"

// Refused is a set of reasons why part of a request was not believed or
// not served. What the client sent is never part of it.
type Refused uint8

const (
	// UntrustedPeer: a peer that is not a trusted proxy sent forwarding
	// headers, which were ignored.
	UntrustedPeer Refused = 1 << iota
	// InvalidValue: what a trusted proxy wrote was not valid, and was
	// ignored.
	InvalidValue
	// HostInvalid: the host is missing, or is not a valid host[:port].
	HostInvalid
	// HostNotAllowed: the host matches none of the allowed hosts.
	HostNotAllowed
)

// Reasons lists every reason, each with a fixed name, fit for a metric
// label.
var Reasons = []struct {
	Reason Refused
	Name   string
}{
	{UntrustedPeer, "untrusted_peer"},
	{InvalidValue, "invalid_value"},
	{HostInvalid, "invalid_host"},
	{HostNotAllowed, "host_not_allowed"},
}

func (r Refused) String() string {
	var names []string
	for _, reason := range Reasons {
		if r&reason.Reason != 0 {
			names = append(names, reason.Name)
		}
	}
	return strings.Join(names, "+")
}
