package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// TestAccProvider_blockTypos checks that a misspelled argument inside each
// block of the provider fails at plan with Terraform's own error, before
// any ECS call.
func TestAccProvider_blockTypos(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := map[string]string{
		"assume_role": `assume_role {
    role_arn    = "arn:aws:iam::123456789012:role/deploy"
    sesion_name = "ci"
  }`,
		"default_tags": `default_tags {
    tag = { team = "platform" }
  }`,
		"endpoints": `endpoints {
    ecss = "http://127.0.0.1:1"
  }`,
		"top level": `regoin = "us-east-1"`,
	}
	for name, block := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      env.ProviderConfigWith("  "+block) + "\nresource \"ecsx_cluster\" \"test\" {\n  name = \"typo\"\n}\n",
					ExpectError: regexp.MustCompile(`Unsupported argument`),
				}},
			})
			if n := env.Sandbox.TotalCalls(); n != 0 {
				t.Errorf("%d ECS calls with a misspelled provider argument, want 0", n)
			}
		})
	}
}

// TestAccProvider_awsProviderBlock configures ecsx with a provider block in
// hashicorp/aws's syntax, skip flags included: it plans and applies as is.
// STS points where nothing listens: skip_credentials_validation = true
// skips the sts:GetCallerIdentity of the configure, and static keys need no
// other STS call.
func TestAccProvider_awsProviderBlock(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	config := fmt.Sprintf(`
provider "ecsx" {
  region                      = "us-east-1"
  access_key                  = %q
  secret_key                  = %q
  max_retries                 = 25
  retry_mode                  = "standard"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  skip_requesting_account_id  = true

  endpoints {
    ecs = %q
    sts = "http://127.0.0.1:1"
  }

  default_tags {
    tags = {
      Environment = "test"
    }
  }
}

resource "ecsx_cluster" "test" {
  name = "aws-provider-block"
}
`, acctest.SandboxAccessKey, acctest.SandboxSecretKey, env.Endpoint)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{{
			Config: config,
			Check: resource.ComposeTestCheckFunc(
				resource.TestCheckResourceAttr("ecsx_cluster.test", "tags_all.Environment", "test"),
			),
		}},
	})
}

// TestAccProvider_endpointDeprecated checks that the deprecated endpoint
// argument still works (with endpoints.sts beside it), and that it
// conflicts with endpoints.ecs.
func TestAccProvider_endpointDeprecated(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	provider := func(extra string) string {
		return fmt.Sprintf(`
provider "ecsx" {
  region     = "us-east-1"
  access_key = %q
  secret_key = %q
  endpoint   = %q
%s
}

resource "ecsx_cluster" "test" {
  name = "deprecated-endpoint"
}
`, acctest.SandboxAccessKey, acctest.SandboxSecretKey, env.Endpoint, extra)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config:      provider(fmt.Sprintf("  endpoints {\n    ecs = %[1]q\n    sts = %[1]q\n  }", env.Endpoint)),
				ExpectError: regexp.MustCompile(`(?s)Conflicting ECS endpoints.*endpoints.ecs`),
			},
			{
				Config: provider(fmt.Sprintf("  endpoints {\n    sts = %q\n  }", env.Endpoint)),
				Check: func(*terraform.State) error {
					if env.Sandbox.Stats().Calls["CreateCluster"] != 1 {
						return fmt.Errorf("the cluster was not created through the deprecated endpoint")
					}
					return nil
				},
			},
		},
	})
}

// TestAccProvider_regionValidation checks that a region not of the AWS form
// fails at plan unless skip_region_validation is set.
func TestAccProvider_regionValidation(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "ecsx" {
  region     = "Not A Region"
  access_key = "test"
  secret_key = "test"
  endpoints {
    ecs = %[1]q
    sts = %[1]q
  }
}

resource "ecsx_cluster" "test" {
  name = "bad-region"
}
`, env.Endpoint),
			ExpectError: regexp.MustCompile(`(?s)Invalid region.*skip_region_validation`),
		}},
	})
	if n := env.Sandbox.TotalCalls(); n != 0 {
		t.Errorf("%d ECS calls with an invalid region, want 0", n)
	}
}
