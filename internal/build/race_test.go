//go:build race

package build_test

// raceEnabled: the race detector slows the randomized rebuild tests about
// tenfold, so they make fewer edits under it.
const raceEnabled = true
