package provider

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
)

// TestClaimsOf: the claims of a JWT are read without verifying it, with aud
// as a string or a list; anything else is not a JWT.
func TestClaimsOf(t *testing.T) {
	jwt := func(payload string) string {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"alg":"RS256"}`)) + "." + enc([]byte(payload)) + ".c2ln"
	}
	c, ok := claimsOf(jwt(`{"iss":"https://app.terraform.io","sub":"organization:acme","aud":["a","b"],"exp":4102444800}`))
	if !ok {
		t.Fatal("a JWT was not read")
	}
	want := "the token has audience a, b, subject organization:acme and issuer https://app.terraform.io, and expires at 2100-01-01T00:00:00Z."
	if got := c.String(); got != want {
		t.Errorf("claims %q, want %q", got, want)
	}
	c, ok = claimsOf(jwt(`{"aud":"one"}`))
	if got := c.String(); !ok || got != "the token has audience one, subject (none) and issuer (none)." {
		t.Errorf("claims %q (%v), want one audience and no subject or issuer", got, ok)
	}
	for _, token := range []string{"abcd", "a.b", "a.%%%.c", jwt(`not json`)} {
		if _, ok := claimsOf(token); ok {
			t.Errorf("%q was read as a JWT", token)
		}
	}
}

// TestWebIdentityErrorDiagnostic: a token that is not a JWT is named as
// such, and an error without an API error code keeps the cause.
func TestWebIdentityErrorDiagnostic(t *testing.T) {
	denied := &smithy.GenericAPIError{Code: "AccessDenied", Message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"}
	summary, detail := (&webIdentityError{source: sourceWebIdentityBlock, roleARN: "arn:aws:iam::123456789012:role/x", err: denied}).diagnostic()
	if summary != "Web identity role refused" || !strings.Contains(detail, "(AccessDenied)") || !strings.Contains(detail, "not a JWT") {
		t.Errorf("AccessDenied for a token that is not a JWT: %q, %q", summary, detail)
	}
	summary, detail = (&webIdentityError{source: sourceEnvWebIdentity, roleARN: "arn:aws:iam::123456789012:role/x", err: errors.New("dial tcp: connection refused")}).diagnostic()
	if summary != "Web identity role not assumed" || !strings.HasPrefix(detail, sourceEnvWebIdentity+": ") || !strings.Contains(detail, "connection refused") {
		t.Errorf("a transport error: %q, %q", summary, detail)
	}
}
