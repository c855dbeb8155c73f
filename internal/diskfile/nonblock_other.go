//go:build !unix

package diskfile

const nonBlocking = 0
