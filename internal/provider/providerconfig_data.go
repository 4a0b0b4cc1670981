package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// providerData is what the provider hands to its resources and data sources.
type providerData struct {
	// ECS is the one client built by the provider's Configure.
	ECS *ecs.Client
	// DefaultTags are the provider's default_tags (never nil).
	DefaultTags map[string]string
	// Region is the resolved AWS region.
	Region string
	// IgnoreTags are the tag keys of the provider's ignore_tags, left out of
	// every tags and tags_all that is read.
	IgnoreTags ignoreTags

	// regional holds the clients of the other regions, see ecsIn.
	regional regionalClients
}

var (
	regionPattern      = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+-\d+$`)
	roleARNPattern     = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
	sessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]*$`)
	endpointPattern    = regexp.MustCompile(`^https?://[^\s/$.?#][^\s]*$`)
)

// objectAsOptions treats unknown and null nested values as zero values.
var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

const tagRulesMarkdown = "At most 50 tags; keys 1-128 and values 0-256 characters of Unicode letters, digits, spaces and `_ . : / = + - @`; " +
	"keys and values must not start with the reserved prefix `aws:` (in any case)."

// stringList converts a list of strings, skipping null and unknown lists.
func stringList(ctx context.Context, l types.List, diags *diag.Diagnostics) []string {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(l.ElementsAs(ctx, &out, false)...)
	return out
}

// credentialsError marks a failure to obtain AWS credentials, as opposed to
// an error answered by the ECS API.
type credentialsError struct {
	err error
}

func (e *credentialsError) Error() string { return "retrieving AWS credentials: " + e.err.Error() }
func (e *credentialsError) Unwrap() error { return e.err }

// clearCredentialsProvider wraps the SDK's credential chain so that a failure
// to obtain credentials can be told apart from an API error at the first call.
type clearCredentialsProvider struct {
	inner aws.CredentialsProvider
}

func (p *clearCredentialsProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	creds, err := p.inner.Retrieve(ctx)
	if err != nil {
		return creds, &credentialsError{err: err}
	}
	return creds, nil
}

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
				"Cause: %s", action, shorten(credErr.err.Error(), 400))
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

// shorten trims s to at most n bytes, marking the cut.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// firstBlock reads the one element of a provider block limited to one
// element into target; an absent block leaves target as it is.
func firstBlock(ctx context.Context, l types.List, target any) diag.Diagnostics {
	if l.IsNull() || l.IsUnknown() || len(l.Elements()) == 0 {
		return nil
	}
	obj, ok := l.Elements()[0].(types.Object)
	if !ok {
		var diags diag.Diagnostics
		diags.AddError("Provider configuration error", "A provider block has an unexpected shape. This is always an error in the provider; please report it.")
		return diags
	}
	return obj.As(ctx, target, objectAsOptions)
}

// unknownInBlock returns the name of an attribute of a provider block (a
// list of at most one object) whose value is unknown.
func unknownInBlock(v attr.Value) (string, bool) {
	l, ok := v.(types.List)
	if !ok || l.IsNull() || l.IsUnknown() || len(l.Elements()) == 0 {
		return "", false
	}
	obj, ok := l.Elements()[0].(types.Object)
	if !ok {
		return "", false
	}
	attrs := obj.Attributes()
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		tv, err := attrs[name].ToTerraformValue(context.Background())
		if err == nil && !tv.IsFullyKnown() {
			return name, true
		}
	}
	return "", false
}

// configuredData returns the provider data a resource's Configure receives;
// nil before the provider is configured. Another type is a bug, reported
// with the resource type's name.
func configuredData(data any, typeName string, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("%s expected *providerData, got %T. This is a bug in the provider; please report it.", typeName, data))
	}
	return d
}

// lookupOf returns what a data source looks up by name (the attribute
// nameAttr) or ARN: the attribute that names it, the name or ARN, and the
// region to look in (the configured one, else the ARN's, else the
// provider's).
func (p *providerData) lookupOf(nameAttr string, name, arn, region types.String) (path.Path, string, string) {
	attribute, lookup := path.Root(nameAttr), name.ValueString()
	if lookup == "" {
		attribute, lookup = path.Root("arn"), arn.ValueString()
	}
	r := region.ValueString()
	if r == "" {
		r = p.regionOr(regionOfARN(lookup))
	}
	return attribute, lookup, r
}
