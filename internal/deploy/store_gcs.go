//go:build gcs

package deploy

import _ "gocloud.dev/blob/gcsblob" // gs://, with -tags gcs
