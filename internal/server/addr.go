package server

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
)

// Where the dev server listens, and to which names it answers.

// CheckAddr returns the address to listen on (127.0.0.1 when addr names
// no host), or an error for an address that is not host:port, or not
// loopback without network.
func CheckAddr(addr string, network bool) (string, error) {
	addr, err := loopbackDefault(addr)
	if err != nil {
		return "", err
	}
	if host, _, _ := net.SplitHostPort(addr); !isLoopback(host) && !network {
		return "", fmt.Errorf("--addr %s is not a loopback address: the preview shows pages before they are published, and would be open to every machine that can reach this one; use 127.0.0.1, or add --network if that is what you want", addr)
	}
	return addr, nil
}

// isLoopback reports whether a host (a name or an IP address) is this
// machine's loopback.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// knownHost reports whether a request's Host header names this server:
// a loopback name or address, or the host it listens on.
func (s *Server) knownHost(hostport string) bool {
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		host = hostport // no port
	}
	host = strings.Trim(host, "[]")
	if isLoopback(host) {
		return true
	}
	listen, _, _ := net.SplitHostPort(s.ln.Addr().String())
	if ip := net.ParseIP(listen); ip != nil && ip.IsUnspecified() {
		// Listening everywhere (--network): any of this machine's
		// addresses, but no name, which a rebinding page could own.
		return net.ParseIP(host) != nil
	}
	return strings.EqualFold(host, listen)
}

// loopbackDefault puts 127.0.0.1 in an address without a host, so that
// --addr :0 picks a free port on loopback, not on every interface.
func loopbackDefault(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: want host:port, such as 127.0.0.1:1313", addr)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}

// portError explains a port that is taken, and names a free one.
func portError(addr string, err error) error {
	if !errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	host, port, _ := net.SplitHostPort(addr)
	n, _ := strconv.Atoi(port)
	for p := n + 1; p < n+50 && p < 65536; p++ {
		try := net.JoinHostPort(host, strconv.Itoa(p))
		if l, err := net.Listen("tcp", try); err == nil {
			l.Close()
			return fmt.Errorf("%s is already in use (is another furusato serve running?); try --addr %s, or --addr :0 to pick a free port", addr, try)
		}
	}
	return fmt.Errorf("%s is already in use; use --addr :0 to pick a free port", addr)
}
