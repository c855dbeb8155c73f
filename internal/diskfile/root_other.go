//go:build !linux

package diskfile

import "io/fs"

type sysRoot struct{}

func openSysRoot(string) sysRoot { return sysRoot{} }

func (sysRoot) readFile(string) ([]byte, error, bool) { return nil, nil, false }

func (sysRoot) stat(string) (fs.FileInfo, error, bool) { return nil, nil, false }
