//go:build gcs

package deploy_test

func init() {
	builtIn["gs"] = true
}
