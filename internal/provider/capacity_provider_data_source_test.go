package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

const cpData = "data.ecsx_capacity_provider.test"

func cpDataState(p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(cpData, p, v)
}

// TestAccCapacityProviderDataSource_autoScalingGroup reads an Auto Scaling
// group provider by name and by ARN (hashicorp/aws's configuration: the data
// source names the resource's name), with one DescribeCapacityProviders per
// read, and FARGATE by name.
func TestAccCapacityProviderDataSource_autoScalingGroup(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpds")
	resourceBody := `tags = { Name = "` + name + `" }`
	scaling := `managed_scaling {
      status          = "ENABLED"
      target_capacity = 80
    }`
	byName := cpConfig(env, name, scaling, resourceBody) + `
data "ecsx_capacity_provider" "test" {
  name = ecsx_capacity_provider.test.name
}
`
	byARN := cpConfig(env, name, scaling, resourceBody) + `
data "ecsx_capacity_provider" "test" {
  arn = ecsx_capacity_provider.test.arn
}
`
	same := func(attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(cpAddr, tfjsonpath.New(attr), cpData, tfjsonpath.New(attr), compare.ValuesSame())
	}
	checks := []statecheck.StateCheck{
		same("arn"), same("id"), same("name"), same("tags"), same("auto_scaling_group_provider"),
		cpDataState(tfjsonpath.New("type"), knownvalue.StringExact("EC2_AUTOSCALING")),
		cpDataState(tfjsonpath.New("status"), knownvalue.StringExact("ACTIVE")),
		cpDataState(tfjsonpath.New("region"), knownvalue.StringExact("us-east-1")),
		cpDataState(tfjsonpath.New("cluster"), knownvalue.Null()),
		cpDataState(tfjsonpath.New("managed_instances_provider"), knownvalue.ListSizeExact(0)),
		cpDataState(tfjsonpath.New("auto_scaling_group_provider").AtSliceIndex(0).AtMapKey("managed_scaling").AtSliceIndex(0).AtMapKey("target_capacity"),
			knownvalue.Int64Exact(80)),
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{Config: byName, ConfigStateChecks: checks},
			{
				// A refresh reads the resource and the data source with one
				// call each at most (the batch may merge them).
				PreConfig: env.Sandbox.ResetStats,
				Config:    byARN,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: checks,
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if n := calls["DescribeCapacityProviders"]; n < 1 || n > 4 {
						return fmt.Errorf("DescribeCapacityProviders called %d times for a plan and an apply that read a resource and a data source (calls %v)", n, calls)
					}
					for op, n := range calls {
						if op != "DescribeCapacityProviders" && !strings.HasPrefix(op, sandbox.STSCallPrefix) && n > 0 {
							return fmt.Errorf("reading called %s %d times (calls %v)", op, n, calls)
						}
					}
					return nil
				},
			},
			{
				Config: env.ProviderConfig() + `
data "ecsx_capacity_provider" "test" {
  name = "FARGATE"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					cpDataState(tfjsonpath.New("type"), knownvalue.StringExact("FARGATE")),
					cpDataState(tfjsonpath.New("arn"), knownvalue.StringExact("arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE")),
					cpDataState(tfjsonpath.New("auto_scaling_group_provider"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}

// TestAccCapacityProviderDataSource_managedInstances reads a Managed
// Instances provider: its cluster and its configuration, in the shape of
// the resource's block.
func TestAccCapacityProviderDataSource_managedInstances(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpdsmi")
	config := miConfig(env, name, `monitoring = "DETAILED"`, "", `
data "ecsx_capacity_provider" "test" {
  name = ecsx_capacity_provider.test.name
}
`)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(checkProvidersDestroyed(env), env.CheckClustersDestroyed()),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs(cpAddr, tfjsonpath.New("managed_instances_provider"), cpData, tfjsonpath.New("managed_instances_provider"), compare.ValuesSame()),
				cpDataState(tfjsonpath.New("type"), knownvalue.StringExact("MANAGED_INSTANCES")),
				cpDataState(tfjsonpath.New("cluster"), knownvalue.StringExact(name)),
				cpDataState(tfjsonpath.New("auto_scaling_group_provider"), knownvalue.ListSizeExact(0)),
				cpDataState(tfjsonpath.New("managed_instances_provider").AtSliceIndex(0).AtMapKey("instance_launch_template").AtSliceIndex(0).AtMapKey("monitoring"),
					knownvalue.StringExact("DETAILED")),
				cpDataState(tfjsonpath.New("managed_instances_provider").AtSliceIndex(0).AtMapKey("infrastructure_role_arn"), knownvalue.StringExact(miRoleARN)),
			},
		}},
	})
}

// TestAccCapacityProviderDataSource_errors checks the plan-time rules (0
// ECS calls) and a provider that does not exist.
func TestAccCapacityProviderDataSource_errors(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	cases := map[string]struct{ body, want string }{
		"neither":     {``, `(?s)Exactly one of these attributes must be configured: \[name,arn\]`},
		"both":        {`name = "x-a"` + "\n" + `arn = "arn:aws:ecs:us-east-1:123456789012:capacity-provider/x-a"`, `(?s)Invalid Attribute Combination.*Exactly one of these attributes`},
		"bad arn":     {`arn = "arn:aws:ecs:us-east-1:123456789012:cluster/x-a"`, `(?s)must be a capacity provider ARN`},
		"bad name":    {`name = "has space"`, `(?s)Invalid Attribute Value`},
		"bad region":  {`name = "x-a"` + "\n" + `region = "mars"`, `(?s)must be an AWS region name`},
		"not found":   {`name = "x-missing"`, `(?s)ECS has no capacity provider x-missing in region us-east-1`},
		"arn missing": {`arn = "arn:aws:ecs:us-east-1:123456789012:capacity-provider/x-gone"`, `(?s)Capacity provider not found`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					PreConfig:   env.Sandbox.ResetStats,
					Config:      env.ProviderConfig() + "\ndata \"ecsx_capacity_provider\" \"test\" {\n" + c.body + "\n}\n",
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			calls := env.Sandbox.Stats().Calls
			want := 0
			if name == "not found" || name == "arn missing" {
				want = 1
			}
			if total := env.Sandbox.ECSCalls(); total != want {
				t.Errorf("%d ECS calls, want %d (calls %v)", total, want, calls)
			}
		})
	}
}
