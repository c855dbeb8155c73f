//go:build azure

package deploy

import _ "gocloud.dev/blob/azureblob" // azblob://, with -tags azure
