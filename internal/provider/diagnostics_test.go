package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAPIErrorDiagnostic(t *testing.T) {
	summary, detail := apiErrorDiagnostic("read cluster \"x\"", fmt.Errorf("get identity: %w", &credentialsError{err: errors.New("no EC2 IMDS role found")}))
	if summary != "No usable AWS credentials" || !strings.Contains(detail, "no EC2 IMDS role found") {
		t.Errorf("credentials failure gave %q / %q", summary, detail)
	}
	summary, _ = apiErrorDiagnostic("read cluster \"x\"", apiError("ExpiredTokenException", "The security token included in the request is expired"))
	if summary != "AWS credentials rejected" {
		t.Errorf("expired token gave %q", summary)
	}
	summary, detail = apiErrorDiagnostic("create cluster \"x\"", apiError("InvalidParameterException", "bad"))
	if summary != "ECS API error" || detail != `ecsx could not create cluster "x": InvalidParameterException: bad` {
		t.Errorf("API error gave %q / %q", summary, detail)
	}
}
