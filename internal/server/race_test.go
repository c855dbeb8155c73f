//go:build race

package server

// raceEnabled: the race detector slows the randomized edit test about
// tenfold, so it makes fewer edits under it.
const raceEnabled = true
