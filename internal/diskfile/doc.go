// Package diskfile reads and stats (through a Root: see root.go) and
// writes whole files with as few system calls as the platform allows. On Unix, os.File registers every file it opens
// with the runtime's poller, which a regular file refuses, and switches
// non-blocking mode on and off around that: five system calls more per
// file. A build reads and writes thousands of files, and system calls are
// dear in virtual machines. Elsewhere reads go through os.Root, and
// WriteFile is os.WriteFile. CacheDir names the folders of furusato's
// own cache, shared by the builds of all of a user's sites.
package diskfile
