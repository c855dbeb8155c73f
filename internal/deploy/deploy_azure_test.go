//go:build azure

package deploy_test

func init() {
	builtIn["azblob"] = true
}
