package tracing

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// validUTF8 is a span processor that makes a span's name and string
// attributes valid UTF-8 as the span starts, each run of invalid bytes
// replaced with one U+FFFD. A request's path and User-Agent, and over
// HTTP/2 its :authority, may hold bytes that are not UTF-8, and the tracing
// handler copies them into the span. OTLP encodes them as protobuf
// strings, which must be valid UTF-8, so a single such span failed the
// export of its whole batch, with the spans of other requests, and logged
// an error. Any client could do it.
type validUTF8 struct{}

// OnStart implements sdktrace.SpanProcessor.
func (validUTF8) OnStart(_ context.Context, s sdktrace.ReadWriteSpan) {
	if name := s.Name(); !utf8.ValidString(name) {
		s.SetName(strings.ToValidUTF8(name, "\uFFFD"))
	}
	for _, kv := range s.Attributes() {
		switch kv.Value.Type() {
		case attribute.STRING:
			if v := kv.Value.AsString(); !utf8.ValidString(v) {
				s.SetAttributes(kv.Key.String(strings.ToValidUTF8(v, "\uFFFD")))
			}
		case attribute.STRINGSLICE:
			vs := kv.Value.AsStringSlice() // a copy
			if !slices.ContainsFunc(vs, func(v string) bool { return !utf8.ValidString(v) }) {
				continue
			}
			for i, v := range vs {
				vs[i] = strings.ToValidUTF8(v, "\uFFFD")
			}
			s.SetAttributes(kv.Key.StringSlice(vs))
		}
	}
}

// OnEnd implements sdktrace.SpanProcessor.
func (validUTF8) OnEnd(sdktrace.ReadOnlySpan) {}

// Shutdown implements sdktrace.SpanProcessor.
func (validUTF8) Shutdown(context.Context) error { return nil }

// ForceFlush implements sdktrace.SpanProcessor.
func (validUTF8) ForceFlush(context.Context) error { return nil }
