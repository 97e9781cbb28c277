package registry

import (
	"io"
	"net"
	"net/http"
	"strconv"

	gorhandlers "github.com/gorilla/handlers"
)

// writeAccessLog writes a record of a request in the Combined Log Format,
// as gorilla/handlers' CombinedLoggingHandler does, with three differences:
// the user field is always "-", the request target is written without its
// userinfo, and the method is escaped as the target is. The registry
// authenticates no one by userinfo (RFC 9110, section 4.2.4, deprecates
// it), so the record loses nothing.
func writeAccessLog(w io.Writer, p gorhandlers.LogFormatterParams) {
	r := p.Request
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	uri := r.RequestURI
	if p.URL.User != nil {
		u := p.URL
		u.User = nil
		uri = u.String()
	}
	if r.ProtoMajor == 2 && r.Method == http.MethodConnect {
		// An HTTP/2 CONNECT names its target in the authority.
		uri = r.Host
	}
	if uri == "" {
		uri = p.URL.RequestURI()
	}

	buf := make([]byte, 0, 128+len(uri))
	buf = append(buf, host...)
	buf = append(buf, " - - ["...)
	buf = p.TimeStamp.AppendFormat(buf, "02/Jan/2006:15:04:05 -0700")
	buf = append(buf, `] "`...)
	buf = appendEscaped(buf, r.Method) // HTTP/2 lets a client send any bytes here
	buf = append(buf, ' ')
	buf = appendEscaped(buf, uri)
	buf = append(buf, ' ')
	buf = append(buf, r.Proto...)
	buf = append(buf, `" `...)
	buf = strconv.AppendInt(buf, int64(p.StatusCode), 10)
	buf = append(buf, ' ')
	buf = strconv.AppendInt(buf, int64(p.Size), 10)
	buf = append(buf, ` "`...)
	buf = appendEscaped(buf, r.Referer())
	buf = append(buf, `" "`...)
	buf = appendEscaped(buf, r.UserAgent())
	buf = append(buf, "\"\n"...)
	_, _ = w.Write(buf)
}

// appendEscaped appends s with quotes, backslashes and unprintable
// characters escaped as in a Go string literal, without the surrounding
// quotes.
func appendEscaped(buf []byte, s string) []byte {
	quoted := strconv.AppendQuote(buf, s)
	// Drop the opening quote, which AppendQuote wrote at len(buf), and the
	// closing one.
	copy(quoted[len(buf):], quoted[len(buf)+1:len(quoted)-1])
	return quoted[:len(quoted)-2]
}
