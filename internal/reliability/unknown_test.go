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
		"setting value": {`"on"`, `settings = [{ name = "containerInsights", value = terraform_data.v.output }]`,
			`settings\[0\].value.*"on" is not supported`},
		"override without log configuration": {`"OVERRIDE"`,
			`configuration = { execute_command_configuration = { logging = terraform_data.v.output } }`,
			`execute_command_configuration.*requires log_configuration`},
		"two bases": {`5`, "capacity_providers = [\"FARGATE\", \"FARGATE_SPOT\"]\n  default_capacity_provider_strategy = [{ capacity_provider = \"FARGATE\", weight = 1, base = terraform_data.v.output }, { capacity_provider = \"FARGATE_SPOT\", weight = 1, base = 1 }]",
			`default_capacity_provider_strategy.*at most one item may have a base`},
		"strategy provider not associated": {`"FARGATE_SPOT"`, "capacity_providers = [\"FARGATE\"]\n  default_capacity_provider_strategy = [{ capacity_provider = terraform_data.v.output, weight = 1 }]",
			`default_capacity_provider_strategy.*not in the cluster's capacity providers`},
		"capacity provider reserved": {`"aws-pool"`, `capacity_providers = [terraform_data.v.output]`, `capacity_providers.*"aws-pool"`},
		"namespace characters":       {`"a/b"`, `service_connect_defaults = { namespace = terraform_data.v.output }`, `namespace.*must not contain`},
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
			if n := env.Sandbox.TotalCalls(); n != 0 {
				t.Errorf("an invalid configuration made %d ECS calls, want 0: %v", n, env.Sandbox.Stats().Calls)
			}
		})
	}
}
