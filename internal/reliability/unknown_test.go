package reliability_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// TestValidation_unknownAtPlan feeds invalid values through terraform_data
// outputs, unknown at plan time: the provider must refuse them at apply
// before any ECS call.
func TestValidation_unknownAtPlan(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := map[string]struct {
		input string // terraform_data input, as HCL
		body  string // uses terraform_data.v.output
		want  string
	}{
		"name":              {`"bad name"`, `name = terraform_data.v.output`, `name.*must be 1 to 255 characters.*got: bad name`},
		"name 256 chars":    {fmt.Sprintf("%q", strings.Repeat("n", 256)), `name = terraform_data.v.output`, `name.*must be 1 to 255 characters`},
		"tag key aws:":      {`"aws:team"`, `tags = { (terraform_data.v.output) = "x" }`, `tags.*"aws:team" uses the reserved prefix`},
		"tag value unicode": {`"v🔥"`, `tags = { k = terraform_data.v.output }`, `tags.*outside the allowed set`},
		"51 tags": {fmt.Sprintf("{ %s }", manyTags("u", 51)), `tags = terraform_data.v.output`,
			`tags.*51 tags given; at most 50`},
		"setting value": {`"on"`, "setting {\n    name  = \"containerInsights\"\n    value = terraform_data.v.output\n  }",
			`setting.*containerInsights value "on" is not supported`},
		"override without log configuration": {`"OVERRIDE"`,
			"configuration {\n    execute_command_configuration {\n      logging = terraform_data.v.output\n    }\n  }",
			`execute_command_configuration.*requires log_configuration`},
		"two bases": {`5`, "capacity_providers = [\"FARGATE\", \"FARGATE_SPOT\"]\n  " +
			strategyItem(`capacity_provider = "FARGATE"`, `weight = 1`, `base = terraform_data.v.output`) + "\n  " +
			strategyItem(`capacity_provider = "FARGATE_SPOT"`, `weight = 1`, `base = 1`),
			`default_capacity_provider_strategy.*at most one item may have a base`},
		"strategy provider not associated": {`"FARGATE_SPOT"`, fargate(strategyItem(`capacity_provider = terraform_data.v.output`, `weight = 1`)),
			`default_capacity_provider_strategy.*not in the cluster's capacity providers`},
		"capacity provider reserved":         {`"aws-pool"`, `capacity_providers = [terraform_data.v.output]`, `capacity_providers.*"aws-pool"`},
		"region":                             {`"Mars-1"`, `region = terraform_data.v.output`, `region.*must be an AWS region name such as eu-west-1`},
		"name not beginning with the prefix": {`"api-1"`, "name        = terraform_data.v.output\n  name_prefix = \"web-\"", `name "api-1" and name_prefix "web-" are both set, but the name does not begin with the prefix`},
		"namespace characters":               {`"a/b"`, namespace(`terraform_data.v.output`), `namespace.*must not contain`},
	}
	// A figure of the README and internal/reliability/README.md.
	if len(cases) != 13 {
		t.Fatalf("%d cases, the READMEs say 13: update them", len(cases))
	}
	for name, tc := range cases {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				CheckDestroy: env.CheckClustersDestroyed(),
				Steps: []resource.TestStep{{
					Config: env.ProviderConfig() + fmt.Sprintf(`
resource "terraform_data" "v" {
  input = %s
}

resource "ecsx_cluster" "test" {
  %s
}
`, tc.input, tc.body),
					ExpectError: wantRegexp(tc.want),
				}},
			})
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("an invalid configuration made %d ECS calls, want 0: %v", n, env.Sandbox.Stats().Calls)
			}
		})
	}
}
