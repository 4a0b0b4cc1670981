package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// isolateAWSEnvironment clears the AWS settings of the environment and
// points the shared files at empty ones, so that only the provider block
// configures the SDK. It uses t.Setenv: callers must not run in parallel.
func isolateAWSEnvironment(t *testing.T) string {
	t.Helper()
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_STS",
	} {
		t.Setenv(name, "")
	}
	t.Setenv("AWS_CONFIG_FILE", empty)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
	// No instance metadata lookups (and their timeouts) on test machines.
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	return empty
}

// TestAccProvider_missingRegion checks that a missing region is one clear
// diagnostic at configure time, naming the ways to set it.
func TestAccProvider_missingRegion(t *testing.T) {
	acctest.SkipOnAWS(t)
	isolateAWSEnvironment(t)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: `
provider "ecsx" {
  access_key = "test"
  secret_key = "test"
}

resource "ecsx_cluster" "test" {
  name = "no-region"
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)No AWS region configured.*AWS_REGION`),
			},
		},
	})
}

// TestAccProvider_unknownProfile checks that a profile missing from the
// shared files is reported against the profile attribute.
func TestAccProvider_unknownProfile(t *testing.T) {
	acctest.SkipOnAWS(t)
	empty := isolateAWSEnvironment(t)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "ecsx" {
  region                   = "us-east-1"
  profile                  = "does-not-exist"
  shared_config_files      = [%[1]q]
  shared_credentials_files = [%[1]q]
}

resource "ecsx_cluster" "test" {
  name = "no-profile"
}
`, empty),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)AWS profile not found.*does-not-exist`),
			},
		},
	})
}

// TestAccProvider_noCredentials checks that missing credentials fail the
// plan, while the provider is configured, as one clear diagnostic rather
// than the SDK's chain of errors, with no request to STS or ECS.
func TestAccProvider_noCredentials(t *testing.T) {
	acctest.SkipOnAWS(t)
	isolateAWSEnvironment(t)
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "ecsx" {
  region = "us-east-1"
  endpoints {
    ecs = %[1]q
    sts = %[1]q
  }
}

resource "ecsx_cluster" "test" {
  name = "no-credentials"
}
`, env.Endpoint),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)No AWS credentials found.*found\s+no\s+AWS\s+credentials.*access_key\s+and\s+secret_key`),
			},
		},
	})
	if n := env.Sandbox.TotalCalls(); n != 0 {
		t.Errorf("%d requests reached the sandbox without credentials, want 0", n)
	}
}

// TestAccProvider_rejectedCredentials checks that a wrong static secret
// fails the plan: the sts:GetCallerIdentity that validates the credentials
// when the provider is configured is refused, and the diagnostic names the
// source and STS's reason, before any ECS call.
func TestAccProvider_rejectedCredentials(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "ecsx" {
  region     = "us-east-1"
  access_key = "test"
  secret_key = "wrong"
  endpoints {
    ecs = %[1]q
    sts = %[1]q
  }
}

resource "ecsx_cluster" "test" {
  name = "bad-credentials"
}
`, env.Endpoint),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)AWS credentials rejected.*access_key\s+and\s+secret_key:\s+STS\s+did\s+not\s+accept\s+the\s+credentials\s+\(SignatureDoesNotMatch`),
			},
		},
	})
	if n := env.Sandbox.ECSCalls(); n != 0 {
		t.Errorf("%d ECS requests with a wrong secret key, want 0", n)
	}
	if n := env.Sandbox.Stats().Calls["sts:GetCallerIdentity"]; n == 0 {
		t.Error("no sts:GetCallerIdentity call validated the credentials")
	}
}

// TestAccProvider_endpointFromEnvironment checks that AWS_ENDPOINT_URL_ECS
// is honoured when the provider block sets no endpoint.
func TestAccProvider_endpointFromEnvironment(t *testing.T) {
	acctest.SkipOnAWS(t)
	isolateAWSEnvironment(t)
	env := acctest.New(t)
	t.Setenv("AWS_ENDPOINT_URL_ECS", env.Endpoint)
	t.Setenv("AWS_ENDPOINT_URL_STS", env.Endpoint)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: `
provider "ecsx" {
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"
}

resource "ecsx_cluster" "test" {
  name = "from-environment"
}
`,
				Check: func(*terraform.State) error {
					if env.Sandbox.Stats().Calls["CreateCluster"] != 1 {
						return fmt.Errorf("the cluster was not created through AWS_ENDPOINT_URL_ECS")
					}
					return nil
				},
			},
		},
	})
}

// TestAccProvider_assumeRoleRefused checks that assume_role is resolved
// while the provider is configured: every argument of the block reaches
// STS (which validates them), and a role that STS refuses fails the plan
// with a diagnostic naming assume_role, the role and the reason, with no ECS
// call.
func TestAccProvider_assumeRoleRefused(t *testing.T) {
	acctest.SkipOnAWS(t)
	isolateAWSEnvironment(t)
	env := acctest.New(t)
	config := fmt.Sprintf(`
provider "ecsx" {
  region      = "us-east-1"
  access_key  = "test"
  secret_key  = "test"
  endpoints {
    ecs = %[1]q
    sts = %[1]q
  }
  assume_role {
    role_arn            = "arn:aws:iam::123456789012:role/deploy"
    session_name        = "ecsx-test"
    duration            = "1h"
    external_id         = "ext-1234"
    policy              = jsonencode({ Version = "2012-10-17", Statement = [] })
    policy_arns         = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
    tags                = { team = "platform" }
    transitive_tag_keys = ["team"]
    source_identity     = "ci-runner"
  }
}

resource "ecsx_cluster" "test" {
  name = "assumed"
}
`, env.Endpoint)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{
				Config:   config,
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)AWS role refused.*assume_role:\s+STS\s+refused\s+to\s+let\s+the\s+credentials\s+of\s+access_key\s+and\s+secret_key\s+assume\s+role\s+` +
					`arn:aws:iam::123456789012:role/deploy\s+\(AccessDenied\).*external_id`),
			},
		},
	})
	if n := env.Sandbox.ECSCalls(); n != 0 {
		t.Errorf("%d requests reached ECS without credentials, want 0", n)
	}
	if n := env.Sandbox.Stats().Calls["sts:AssumeRole"]; n == 0 {
		t.Error("no AssumeRole call reached STS")
	}
}
