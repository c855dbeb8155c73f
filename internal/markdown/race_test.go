//go:build race

package markdown

// raceEnabled: the race detector slows conversion about tenfold, and the
// tests of its growth say nothing more under it.
const raceEnabled = true
