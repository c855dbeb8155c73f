//go:build awssdk

package deploy

import (
	"fmt"
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// s3Answer is the error of the AWS SDK for an answer with this status.
func s3Answer(status int) error {
	return fmt.Errorf("operation error S3: PutObject: %w", &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status}},
			Err:      fmt.Errorf("status %d", status),
		},
	})
}
