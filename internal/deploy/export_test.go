package deploy

// RecordEachUpload makes a deploy write its record after every upload, so
// that a test knows what the record holds when it kills the deploy.
func RecordEachUpload(o Options) Options {
	o.recordEachUpload = true
	return o
}
