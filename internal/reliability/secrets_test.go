package reliability_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/ecsx/terraform-provider-ecsx/internal/provider"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox/awsauth"
)

// Distinctive fake credentials: any occurrence in a log is a leak.
const (
	leakAccessKey = "AKIAECSXLEAKCHECK7Q2"
	leakSecretKey = "ecsxSECRETleakcheck/9Zr4Tq1Wm8Kd3Hs6Vb0Np5Lf2"
	leakToken     = "ecsxTOKENleakcheck+Fq7Gz2Xw5Jc8Rt1Yb4Mn6Ps3Ud9Ae0"
)

// TestSecrets_sensitiveSchema: the credentials of the provider block are
// sensitive, so Terraform redacts them in plans and output.
func TestSecrets_sensitiveSchema(t *testing.T) {
	t.Parallel()
	var resp fwprovider.SchemaResponse
	provider.New("test")().Schema(context.Background(), fwprovider.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	for _, name := range []string{"access_key", "secret_key", "token"} {
		a, ok := resp.Schema.Attributes[name]
		if !ok {
			t.Errorf("provider attribute %s missing", name)
			continue
		}
		if !a.IsSensitive() {
			t.Errorf("provider attribute %s is not sensitive", name)
		}
	}
	wi, ok := resp.Schema.Blocks["assume_role_with_web_identity"].GetNestedObject().GetAttributes()["web_identity_token"]
	if !ok || !wi.IsSensitive() {
		t.Errorf("assume_role_with_web_identity.web_identity_token: present %v, want sensitive", ok)
	}
}

// TestSecrets_notInTraceLogs runs a full lifecycle (apply, plan, update,
// destroy) through the Terraform CLI and the built provider with
// TF_LOG=TRACE, against a sandbox that verifies the signatures of the fake
// key pair. Neither the logs nor the output may contain the secret key, the
// session token, an Authorization header or a signature.
func TestSecrets_notInTraceLogs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider: skipped with -short")
	}
	t.Parallel()
	sb, url, client := startSandbox(t, sandbox.Options{AccessKey: leakAccessKey, SecretKey: leakSecretKey})
	logPath := filepath.Join(t.TempDir(), "trace.log")
	c := newCLI(t, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)
	provider := cliProvider(url, leakAccessKey, leakSecretKey, "  token = \""+leakToken+"\"")
	config := func(stage string) string {
		return provider + `
resource "ecsx_cluster" "secrets" {
  name = "secrets"
  tags = { stage = "` + stage + `" }
}
`
	}
	var output strings.Builder
	c.write(config("one"))
	output.WriteString(c.mustRun("apply", "-auto-approve", "-input=false", "-no-color"))
	output.WriteString(c.mustRun("plan", "-input=false", "-no-color", "-detailed-exitcode"))
	c.write(config("two"))
	output.WriteString(c.mustRun("apply", "-auto-approve", "-input=false", "-no-color"))
	output.WriteString(c.mustRun("destroy", "-auto-approve", "-input=false", "-no-color"))

	// The lifecycle happened, signed with the fake keys.
	if n := sb.Stats().Calls["CreateCluster"]; n != 1 {
		t.Fatalf("CreateCluster called %d times, want 1", n)
	}
	if sb.Stats().Calls["TagResource"] == 0 {
		t.Fatal("the update made no TagResource call")
	}
	if live, err := liveClusters(t.Context(), client); err != nil || len(live) != 0 {
		t.Fatalf("after destroy: %v %v", live, err)
	}

	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) < 10000 || !strings.Contains(string(logs), "[TRACE]") {
		t.Fatalf("the trace log has %d bytes: TF_LOG_PATH was not honoured", len(logs))
	}
	assertNoSecrets(t, string(logs), output.String(), map[string]*regexp.Regexp{
		"secret key":         regexp.MustCompile(regexp.QuoteMeta(leakSecretKey)),
		"session token":      regexp.MustCompile(regexp.QuoteMeta(leakToken)),
		"part of the secret": regexp.MustCompile(regexp.QuoteMeta(leakSecretKey[4:20])),
		"part of the token":  regexp.MustCompile(regexp.QuoteMeta(leakToken[4:20])),
	})
}

// TestSecrets_webIdentityNotInTraceLogs: with an inline web identity token
// and role chaining (assume_role after the web identity session), neither
// the token nor the temporary credentials that STS returns appear in the
// TRACE logs or the output.
func TestSecrets_webIdentityNotInTraceLogs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider: skipped with -short")
	}
	t.Parallel()
	sb, url, client := startSandbox(t, sandbox.Options{AccessKey: leakAccessKey, SecretKey: leakSecretKey})
	sb.AddRole(awsauth.Role{ARN: "arn:aws:iam::" + sandbox.DefaultAccount + ":role/web", WebIdentityAudiences: []string{"ecsx"}})
	sb.AddRole(awsauth.Role{ARN: "arn:aws:iam::" + sandbox.DefaultAccount + ":role/deploy", ExternalID: "leak-external-id-Q7"})
	token := awsauth.MintWebIdentityToken("https://issuer.example", "ci", []string{"ecsx"}, time.Now().Add(time.Hour))
	logPath := filepath.Join(t.TempDir(), "trace.log")
	c := newCLI(t, "TF_LOG=TRACE", "TF_LOG_PATH="+logPath)
	c.write(`terraform {
  required_providers {
    ecsx = { source = "ecsx/ecsx" }
  }
}

provider "ecsx" {
  region = "us-east-1"
  endpoints {
    ecs = "` + url + `"
    sts = "` + url + `"
  }
  assume_role_with_web_identity {
    role_arn           = "arn:aws:iam::` + sandbox.DefaultAccount + `:role/web"
    web_identity_token = "` + token + `"
  }
  assume_role {
    role_arn    = "arn:aws:iam::` + sandbox.DefaultAccount + `:role/deploy"
    external_id = "leak-external-id-Q7"
  }
}

resource "ecsx_cluster" "secrets" {
  name = "web-secrets"
}
`)
	var output strings.Builder
	output.WriteString(c.mustRun("apply", "-auto-approve", "-input=false", "-no-color"))
	output.WriteString(c.mustRun("destroy", "-auto-approve", "-input=false", "-no-color"))
	st := sb.Stats()
	if st.Calls["sts:AssumeRoleWithWebIdentity"] == 0 || st.Calls["sts:AssumeRole"] == 0 || st.Calls["CreateCluster"] != 1 {
		t.Fatalf("calls %v: want web identity, then AssumeRole, then one CreateCluster", st.Calls)
	}
	if live, err := liveClusters(t.Context(), client); err != nil || len(live) != 0 {
		t.Fatalf("after destroy: %v %v", live, err)
	}
	logs, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) < 10000 {
		t.Fatalf("the trace log has %d bytes: TF_LOG_PATH was not honoured", len(logs))
	}
	parts := strings.Split(token, ".")
	assertNoSecrets(t, string(logs), output.String(), map[string]*regexp.Regexp{
		"web identity token":       regexp.MustCompile(regexp.QuoteMeta(token)),
		"token claims":             regexp.MustCompile(regexp.QuoteMeta(parts[1][:24])),
		"token signature":          regexp.MustCompile(regexp.QuoteMeta(parts[2][:24])),
		"temporary secret key":     regexp.MustCompile(`(?i)<SecretAccessKey>|"SecretAccessKey"\s*:`),
		"temporary session token":  regexp.MustCompile(`(?i)<SessionToken>|"SessionToken"\s*:`),
		"temporary access key":     regexp.MustCompile(`ASIA[A-Z2-7]{16}`),
		"form-encoded token value": regexp.MustCompile(`WebIdentityToken=`),
	})
}

// assertNoSecrets fails the test for each secret found in the log or the
// CLI output: those of the test, and what a signed request carries (the
// Authorization header, a SigV4 signature, a security token header).
func assertNoSecrets(t *testing.T, logs, output string, secrets map[string]*regexp.Regexp) {
	t.Helper()
	secrets["Authorization header"] = regexp.MustCompile(`(?i)authorization["']?\s*[:=]`)
	secrets["SigV4 signature"] = regexp.MustCompile(`(?i)AWS4-HMAC-SHA256 Credential|Signature=[0-9a-f]{16}`)
	secrets["security token header"] = regexp.MustCompile(`(?i)X-Amz-Security-Token["']?\s*[:=]`)
	for source, text := range map[string]string{"TF_LOG_PATH log": logs, "CLI output": output} {
		for what, re := range secrets {
			if loc := re.FindStringIndex(text); loc != nil {
				lo, hi := max(loc[0]-200, 0), min(loc[1]+200, len(text))
				t.Errorf("%s contains the %s: ...%s...", source, what, text[lo:hi])
			}
		}
	}
}
