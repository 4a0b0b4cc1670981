package provider

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// The names of the credential sources in diagnostics.
const (
	sourceWebIdentityBlock = "assume_role_with_web_identity"
	sourceAssumeRoleBlock  = "assume_role"
	sourceStaticKeys       = "access_key and secret_key"
	sourceEnvWebIdentity   = "web identity credentials (AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE, or a profile's role_arn and web_identity_token_file)"
)

// credentialRetries gives an STS client the SDK's default retries (3
// attempts) instead of the ECS client's max_retries: that budget is meant
// for ECS throttling, and spent on a refused or malformed web identity token
// (which the SDK retries as InvalidIdentityToken) it kept a plan waiting for
// minutes. A credential call fails within seconds.
func credentialRetries(o *sts.Options) {
	o.Retryer = retry.NewStandard()
	o.RetryMaxAttempts = 0
}

// checkCredentials resolves the credentials of cfg while the provider is
// configured, so that a broken source fails the plan with its own reason.
// The credentials are cached by cfg.Credentials and reused by the ECS calls.
// Unless skip_credentials_validation is true, one sts:GetCallerIdentity
// checks that AWS accepts them; the account guard uses the same answer, so
// it needs that call even when validation is skipped.
func checkCredentials(ctx context.Context, cfg aws.Config, s *providerSettings) diag.Diagnostics {
	var diags diag.Diagnostics
	if cfg.Credentials == nil {
		diags.AddError("No AWS credentials found", noCredentialsDetail("the AWS SDK found no credential source"))
		return diags
	}
	creds, err := cfg.Credentials.Retrieve(ctx)
	if err != nil {
		diags.AddError(s.retrieveDiagnostic(err))
		return diags
	}
	guard := len(s.allowed)+len(s.forbidden) > 0
	if s.skipCredentialsValidation && !guard {
		return diags
	}
	out, err := s.stsClient(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		summary, detail := rejectedDiagnostic(s.sourceOf(creds), err)
		if guard {
			detail += " allowed_account_ids and forbidden_account_ids need this call to learn the account of the credentials."
		}
		diags.AddError(summary, detail)
		return diags
	}
	return checkAccount(out, s.allowed, s.forbidden)
}

// sourceOf names where the credentials come from, for diagnostics; creds
// are the resolved credentials, when known.
func (s *providerSettings) sourceOf(creds aws.Credentials) string {
	if s.assumeRole != nil {
		return sourceAssumeRoleBlock
	}
	return s.baseSourceOf(creds)
}

// baseSourceOf is sourceOf without assume_role: the source of the
// credentials that assume the role.
func (s *providerSettings) baseSourceOf(creds aws.Credentials) string {
	switch {
	case s.webIdentity != nil:
		return sourceWebIdentityBlock
	case s.staticKeys:
		return sourceStaticKeys
	case s.profile == "" && os.Getenv("AWS_ACCESS_KEY_ID") != "":
		return "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	}
	profile := s.profileName()
	switch creds.Source {
	case stscreds.WebIdentityProviderName:
		return sourceEnvWebIdentity
	case stscreds.ProviderName:
		return fmt.Sprintf("the role_arn of profile %q", profile)
	case ssocreds.ProviderName:
		return fmt.Sprintf("the SSO session of profile %q", profile)
	case processcreds.ProviderName:
		return fmt.Sprintf("the credential_process of profile %q", profile)
	case ec2rolecreds.ProviderName:
		return "the EC2 instance role (instance metadata service)"
	case endpointcreds.ProviderName:
		return "the container credentials endpoint"
	case "":
		return "the AWS SDK's default credential chain"
	}
	return fmt.Sprintf("the keys of profile %q in the shared credentials or config file", profile)
}

// profileName is the shared config profile in use.
func (s *providerSettings) profileName() string {
	if s.profile != "" {
		return s.profile
	}
	if v := os.Getenv("AWS_PROFILE"); v != "" {
		return v
	}
	return "default"
}

// retrieveDiagnostic describes a failure to obtain credentials: the source
// that failed and the service's reason.
func (s *providerSettings) retrieveDiagnostic(err error) (string, string) {
	var webErr *webIdentityError
	if errors.As(err, &webErr) {
		return webErr.diagnostic()
	}
	var roleErr *assumeRoleError
	if errors.As(err, &roleErr) {
		return roleErr.diagnostic()
	}
	var opErr *smithy.OperationError
	if errors.As(err, &opErr) {
		switch opErr.Service() {
		case "STS":
			return "AWS role not assumed", fmt.Sprintf("the role_arn of profile %q: STS refused to assume the role (%s).", s.profileName(), serviceReason(err))
		case "SSO":
			return "SSO credentials not obtained", fmt.Sprintf("the SSO session of profile %q: SSO refused the credentials (%s). "+
				"Sign in again with aws sso login.", s.profileName(), serviceReason(err))
		}
	}
	var named *sourceError
	if errors.As(err, &named) {
		return "AWS credentials not obtained", fmt.Sprintf("%s: the credentials could not be obtained: %s", named.source, shorten(named.err.Error()))
	}
	return "No AWS credentials found", noCredentialsDetail(shorten(err.Error()))
}

// noCredentialsDetail is the detail of the diagnostic when no source gave
// credentials.
func noCredentialsDetail(cause string) string {
	return "ecsx found no AWS credentials. Set access_key and secret_key (or profile, assume_role_with_web_identity) in the provider block, " +
		"or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or a web identity, container or instance role.\n\n" +
		"Cause: " + cause
}

// rejectedDiagnostic describes a failed sts:GetCallerIdentity with the
// credentials of source.
func rejectedDiagnostic(source string, err error) (string, string) {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		detail := fmt.Sprintf("%s: STS did not accept the credentials (%s). ", source, serviceReason(err))
		switch apiErr.ErrorCode() {
		case "ExpiredToken", "ExpiredTokenException":
			detail += "The session token has expired: get new temporary credentials."
		default:
			detail += "Check that the access key exists and is active, that the secret key is the one of that key, and that a session token (token) belongs to them."
		}
		return "AWS credentials rejected", detail
	}
	return "AWS credentials not checked", fmt.Sprintf("%s: the credentials could not be checked with sts:GetCallerIdentity: %s. "+
		"Set endpoints { sts } or sts_region when STS is reached elsewhere, or skip_credentials_validation = true to skip the check.",
		source, shorten(err.Error()))
}

// serviceReason is the service's reason in an error: "Code: message" of its API
// error, or the error itself.
func serviceReason(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		if msg := apiErr.ErrorMessage(); msg != "" {
			return apiErr.ErrorCode() + ": " + msg
		}
		return apiErr.ErrorCode()
	}
	return shorten(err.Error())
}

// namedCredentials names the source of a credentials provider in its
// errors.
type namedCredentials struct {
	source string
	inner  aws.CredentialsProvider
}

func (n *namedCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	creds, err := n.inner.Retrieve(ctx)
	if err != nil {
		return creds, &sourceError{source: n.source, err: err}
	}
	return creds, nil
}

// sourceError is a failure of the credentials of source.
type sourceError struct {
	source string
	err    error
}

func (e *sourceError) Error() string { return e.source + ": " + e.err.Error() }

func (e *sourceError) Unwrap() error { return e.err }

// webIdentityError is AssumeRoleWithWebIdentity refused, with the claims of
// the token, which a diagnostic names.
type webIdentityError struct {
	source, roleARN string
	claims          tokenClaims
	isJWT           bool
	err             error
}

func (e *webIdentityError) Error() string {
	return e.source + ": AssumeRoleWithWebIdentity of " + e.roleARN + ": " + e.err.Error()
}

func (e *webIdentityError) Unwrap() error { return e.err }

// diagnostic says which source failed, why, and what to check.
func (e *webIdentityError) diagnostic() (string, string) {
	token := "The token is not a JWT (header.payload.signature), so its audience and subject are unknown: check that it is the identity token itself."
	if e.isJWT {
		token = e.claims.String()
	}
	var apiErr smithy.APIError
	if !errors.As(e.err, &apiErr) {
		return "Web identity role not assumed", fmt.Sprintf("%s: the token could not be exchanged for credentials of role %s: %s", e.source, e.roleARN, shorten(e.err.Error()))
	}
	code, msg := apiErr.ErrorCode(), apiErr.ErrorMessage()
	switch code {
	case "AccessDenied":
		return "Web identity role refused", fmt.Sprintf("%s: STS refused to let this token assume role %s (AccessDenied). "+
			"Check the role's trust policy: %s The role must exist and trust the token's issuer as a federated principal, for sts:AssumeRoleWithWebIdentity.\n\nSTS: %s",
			e.source, e.roleARN, token, msg)
	case "InvalidIdentityToken":
		return "Web identity token refused", fmt.Sprintf("%s: STS refused the token for role %s (InvalidIdentityToken: %s). "+
			"Check the OpenID Connect identity provider in IAM (its URL and audiences) and the role's trust policy: %s", e.source, e.roleARN, msg, token)
	case "ExpiredTokenException", "ExpiredToken":
		return "Web identity token expired", fmt.Sprintf("%s: STS refused the token for role %s because it has expired (%s: %s). %s "+
			"Give a fresh token: a token file is read again whenever the credentials are refreshed.", e.source, e.roleARN, code, msg, capitalized(token))
	}
	return "Web identity role not assumed", fmt.Sprintf("%s: STS did not let this token assume role %s (%s: %s). %s", e.source, e.roleARN, code, msg, capitalized(token))
}

// assumeRoleClient is the STS client of the assume_role block. A refusal
// is returned as an *assumeRoleError that names the role and the source of
// the credentials that asked for it (caller).
type assumeRoleClient struct {
	caller string
	client *sts.Client
}

func (c *assumeRoleClient) AssumeRole(ctx context.Context, in *sts.AssumeRoleInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleOutput, error) {
	out, err := c.client.AssumeRole(ctx, in, optFns...)
	if err != nil {
		return nil, &assumeRoleError{caller: c.caller, roleARN: aws.ToString(in.RoleArn), externalID: in.ExternalId != nil, err: err}
	}
	return out, nil
}

// assumeRoleError is AssumeRole refused.
type assumeRoleError struct {
	caller, roleARN string
	externalID      bool
	err             error
}

func (e *assumeRoleError) Error() string { return "assume_role of " + e.roleARN + ": " + e.err.Error() }

func (e *assumeRoleError) Unwrap() error { return e.err }

// diagnostic says which source failed, why, and what to check.
func (e *assumeRoleError) diagnostic() (string, string) {
	var apiErr smithy.APIError
	if !errors.As(e.err, &apiErr) {
		return "AWS role not assumed", fmt.Sprintf("%s: role %s could not be assumed with the credentials of %s: %s",
			sourceAssumeRoleBlock, e.roleARN, e.caller, shorten(e.err.Error()))
	}
	if apiErr.ErrorCode() == "AccessDenied" {
		check := "Check the role's trust policy: it must allow sts:AssumeRole to the principal of those credentials."
		if e.externalID {
			check = "Check external_id and the role's trust policy: it must allow sts:AssumeRole to the principal of those credentials, with this external ID."
		}
		return "AWS role refused", fmt.Sprintf("%s: STS refused to let the credentials of %s assume role %s (AccessDenied). %s\n\nSTS: %s",
			sourceAssumeRoleBlock, e.caller, e.roleARN, check, apiErr.ErrorMessage())
	}
	return "AWS role not assumed", fmt.Sprintf("%s: STS did not let the credentials of %s assume role %s (%s).",
		sourceAssumeRoleBlock, e.caller, e.roleARN, serviceReason(e.err))
}

// capitalized returns s with its first letter in upper case.
func capitalized(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// tokenClaims are the claims of a web identity token that a diagnostic
// shows. They are read without verifying the token: only STS can.
type tokenClaims struct {
	Issuer   string          `json:"iss"`
	Subject  string          `json:"sub"`
	Audience json.RawMessage `json:"aud"`
	Expires  json.Number     `json:"exp"`
}

// claimsOf decodes the payload of a JWT; false when token is not one.
func claimsOf(token string) (tokenClaims, bool) {
	var c tokenClaims
	parts := strings.Split(strings.TrimSpace(token), ".")
	if len(parts) != 3 {
		return c, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return c, false
	}
	if err := json.Unmarshal(payload, &c); err != nil {
		return c, false
	}
	return c, true
}

// audiences returns the aud claim, a string or a list of strings.
func (c tokenClaims) audiences() []string {
	var one string
	if json.Unmarshal(c.Audience, &one) == nil && one != "" {
		return []string{one}
	}
	var many []string
	_ = json.Unmarshal(c.Audience, &many)
	return many
}

// String describes the claims, as "the token has audience a, subject s and
// issuer i, and expires at t" with a period.
func (c tokenClaims) String() string {
	none := func(v string) string {
		if v == "" {
			return "(none)"
		}
		return v
	}
	s := fmt.Sprintf("the token has audience %s, subject %s and issuer %s",
		none(strings.Join(c.audiences(), ", ")), none(c.Subject), none(c.Issuer))
	if secs, err := c.Expires.Int64(); err == nil {
		verb := "expires"
		exp := time.Unix(secs, 0).UTC()
		if !exp.After(time.Now()) {
			verb = "expired"
		}
		s += fmt.Sprintf(", and %s at %s", verb, exp.Format(time.RFC3339))
	}
	return s + "."
}
