package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// addAttributeError adds an error on p whose detail starts by naming p, as
// the schema validators' diagnostics do.
func addAttributeError(diags *diag.Diagnostics, p path.Path, summary, detail string) {
	diags.AddAttributeError(p, summary, fmt.Sprintf("Attribute %s: %s", p, detail))
}

// apiErrorDiagnostic turns an error of an ECS call into one diagnostic:
// summary and detail. Credential problems get a dedicated, actionable text
// instead of the SDK's chain of wrapped messages.
func apiErrorDiagnostic(action string, err error) (string, string) {
	var credErr *credentialsError
	if errors.As(err, &credErr) {
		return "No usable AWS credentials",
			fmt.Sprintf("ecsx could not %s because no AWS credentials could be obtained. "+
				"Set access_key and secret_key (or profile, or assume_role) in the provider block, "+
				"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity, container or instance role.\n\n"+
				"Cause: %s", action, shorten(credErr.err.Error()))
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		if rejectedCredentialCodes[apiErr.ErrorCode()] {
			return "AWS credentials rejected",
				fmt.Sprintf("ecsx could not %s: AWS rejected the credentials (%s: %s). "+
					"Check that the access key is valid and not expired, and that the region is right.",
					action, apiErr.ErrorCode(), apiErr.ErrorMessage())
		}
		if apiErr.ErrorCode() == "AccessDeniedException" {
			return "Access denied",
				fmt.Sprintf("ecsx could not %s: %s. Grant the caller's IAM identity the ECS permission this operation needs.",
					action, apiErr.ErrorMessage())
		}
		return "ECS API error",
			fmt.Sprintf("ecsx could not %s: %s: %s", action, apiErr.ErrorCode(), apiErr.ErrorMessage())
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "Timed out", fmt.Sprintf("ecsx could not %s before the timeout expired.", action)
	}
	return "ECS request failed", fmt.Sprintf("ecsx could not %s: %s", action, err)
}

// waitErrorDiagnostic is apiErrorDiagnostic for waits: an API error is
// reported as such, and a cluster that reached a wrong state (FAILED, a
// failed attachment update, a timeout) gets its own summary.
func waitErrorDiagnostic(action string, err error) (string, string) {
	return waitErrorDiagnosticFor("cluster", action, err)
}

// waitErrorDiagnosticFor is waitErrorDiagnostic for a kind of resource
// ("cluster", "capacity provider"), which the texts name.
func waitErrorDiagnosticFor(kind, action string, err error) (string, string) {
	var interrupted *interruptedError
	if errors.As(err, &interrupted) {
		return "Interrupted", fmt.Sprintf("Terraform was interrupted while ecsx waited to %s: %s. Nothing was rolled back; "+
			"the next plan reads where the %s stands.", action, interrupted.Error(), kind)
	}
	var timedOut *timeoutError
	if errors.As(err, &timedOut) {
		return "Timeout", fmt.Sprintf("ecsx could not %s within the timeout (set in the resource's timeouts block): %s.", action, timedOut.last)
	}
	var apiErr smithy.APIError
	var credErr *credentialsError
	if errors.As(err, &apiErr) || errors.As(err, &credErr) {
		return apiErrorDiagnostic(action, err)
	}
	return strings.ToUpper(kind[:1]) + kind[1:] + " did not reach the expected state", fmt.Sprintf("ecsx could not %s: %s.", action, err)
}

// maxCauseLength is the most bytes of an underlying error that a
// diagnostic quotes.
const maxCauseLength = 400

// shorten trims s to at most maxCauseLength bytes, marking the cut.
func shorten(s string) string {
	s = strings.TrimSpace(s)
	if len(s) <= maxCauseLength {
		return s
	}
	return s[:maxCauseLength] + "…"
}

// credentialsError marks a failure to obtain AWS credentials, as opposed to
// an error answered by the ECS API.
type credentialsError struct {
	err error
}

func (e *credentialsError) Error() string { return "retrieving AWS credentials: " + e.err.Error() }

func (e *credentialsError) Unwrap() error { return e.err }

// rejectedCredentialCodes are API error codes meaning that the request was
// signed, but AWS did not accept the credentials.
var rejectedCredentialCodes = map[string]bool{
	"UnrecognizedClientException": true,
	"InvalidClientTokenId":        true,
	"InvalidSignatureException":   true,
	"SignatureDoesNotMatch":       true,
	"ExpiredTokenException":       true,
	"ExpiredToken":                true,
	"IncompleteSignature":         true,
}

// plural writes "1 service", "2 services", "1 container instance", ….
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// listAtMost joins the first n items and counts the others.
func listAtMost(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
