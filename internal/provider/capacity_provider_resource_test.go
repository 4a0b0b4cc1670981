package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

const cpAddr = "ecsx_capacity_provider.test"

// groupARN is a literal Auto Scaling group ARN standing for an
// aws_autoscaling_group of hashicorp/aws.
func groupARN(name string) string {
	return "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/" + name
}

// cpConfig is the provider block and an ecsx_capacity_provider.test named
// name, backed by the group of the same name, with extra arguments in the
// auto_scaling_group_provider block and body at the top.
func cpConfig(env *acctest.Env, name, asgBody, body string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_capacity_provider" "test" {
  name = %[1]q
  %[3]s

  auto_scaling_group_provider {
    auto_scaling_group_arn = %[2]q
    %[4]s
  }
}
`, name, groupARN(name), body, asgBody)
}

func cpState(p tfjsonpath.Path, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(cpAddr, p, v)
}

func asgAttr(name string) tfjsonpath.Path {
	return tfjsonpath.New("auto_scaling_group_provider").AtSliceIndex(0).AtMapKey(name)
}

func scalingAttr(name string) tfjsonpath.Path {
	return asgAttr("managed_scaling").AtSliceIndex(0).AtMapKey(name)
}

// checkProvidersDestroyed checks that no capacity provider of the state
// remains.
func checkProvidersDestroyed(env *acctest.Env) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for addr, rs := range s.RootModule().Resources {
			if rs.Type != "ecsx_capacity_provider" || strings.HasPrefix(addr, "data.") {
				continue
			}
			out, err := env.ECS().DescribeCapacityProviders(context.Background(), &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{rs.Primary.ID}})
			if err != nil {
				return err
			}
			for _, p := range out.CapacityProviders {
				if p.Status != ecstypes.CapacityProviderStatusInactive {
					return fmt.Errorf("capacity provider %s is still %s", aws.ToString(p.Name), p.Status)
				}
			}
		}
		return nil
	}
}

// TestAccCapacityProvider_lifecycle creates a provider (waiting through
// PROVISIONING), changes its scaling (waiting through UPDATE_IN_PROGRESS),
// its tags, imports it by ARN and by name, and deletes it, with the ECS calls
// of each step asserted.
func TestAccCapacityProvider_lifecycle(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	env.Sandbox.SetProviderLifecycle(sandbox.ProviderLifecycle{Provision: 600 * time.Millisecond, Update: 600 * time.Millisecond})
	name := acctest.RandomName("x-cp")
	scaling := `managed_draining = "DISABLED"
    managed_scaling {
      minimum_scaling_step_size = 2
      status                    = "ENABLED"
    }`
	scaling2 := `managed_termination_protection = "ENABLED"
    managed_scaling {
      instance_warmup_period    = 400
      maximum_scaling_step_size = 100
      minimum_scaling_step_size = 10
      status                    = "ENABLED"
      target_capacity           = 60
    }`
	read := map[string]int{"DescribeCapacityProviders": 1}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				// hashicorp/aws's basic configuration.
				PreConfig: env.Sandbox.ResetStats,
				Config:    cpConfig(env, name, "", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(tfjsonpath.New("arn"), knownvalue.StringExact("arn:aws:ecs:us-east-1:123456789012:capacity-provider/"+name)),
					cpState(tfjsonpath.New("id"), knownvalue.StringExact("arn:aws:ecs:us-east-1:123456789012:capacity-provider/"+name)),
					cpState(tfjsonpath.New("name"), knownvalue.StringExact(name)),
					cpState(tfjsonpath.New("region"), knownvalue.StringExact(env.Region)),
					cpState(asgAttr("auto_scaling_group_arn"), knownvalue.StringExact(groupARN(name))),
					cpState(asgAttr("managed_draining"), knownvalue.StringExact("ENABLED")),
					cpState(asgAttr("managed_termination_protection"), knownvalue.StringExact("DISABLED")),
					// Without the block ECS's defaults apply, and the state has no block.
					cpState(asgAttr("managed_scaling"), knownvalue.ListExact([]knownvalue.Check{})),
					cpState(tfjsonpath.New("tags_all"), knownvalue.MapExact(map[string]knownvalue.Check{})),
				},
				// CreateCapacityProvider, then polls until ACTIVE.
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if calls["CreateCapacityProvider"] != 1 || calls["DescribeCapacityProviders"] < 1 || calls["DescribeCapacityProviders"] > 4 {
						return fmt.Errorf("calls %v: want 1 CreateCapacityProvider and 1-4 DescribeCapacityProviders polls", calls)
					}
					return nil
				},
			},
			{ResourceName: cpAddr, ImportState: true, ImportStateVerify: true},
			{
				// hashicorp/aws's partial managed scaling.
				PreConfig:        env.Sandbox.ResetStats,
				Config:           cpConfig(env, name, scaling, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionUpdate), env.ExpectCallsPlanCheck(read)}},
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(asgAttr("managed_draining"), knownvalue.StringExact("DISABLED")),
					cpState(scalingAttr("minimum_scaling_step_size"), knownvalue.Int64Exact(2)),
					cpState(scalingAttr("maximum_scaling_step_size"), knownvalue.Int64Exact(10000)),
					cpState(scalingAttr("status"), knownvalue.StringExact("ENABLED")),
					cpState(scalingAttr("target_capacity"), knownvalue.Int64Exact(100)),
					cpState(scalingAttr("instance_warmup_period"), knownvalue.Int64Exact(300)),
				},
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if calls["UpdateCapacityProvider"] != 1 || calls["DescribeCapacityProviders"] < 1 || calls["DescribeCapacityProviders"] > 4 {
						return fmt.Errorf("calls %v: want 1 UpdateCapacityProvider and 1-4 DescribeCapacityProviders polls", calls)
					}
					return nil
				},
			},
			{ResourceName: cpAddr, ImportState: true, ImportStateVerify: true, ImportStateId: name},
			{
				Config: cpConfig(env, name, scaling2, `tags = { team = "a" }`),
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(asgAttr("managed_termination_protection"), knownvalue.StringExact("ENABLED")),
					cpState(scalingAttr("target_capacity"), knownvalue.Int64Exact(60)),
					cpState(scalingAttr("instance_warmup_period"), knownvalue.Int64Exact(400)),
					cpState(tfjsonpath.New("tags_all"), strMap(map[string]string{"team": "a"})),
				},
			},
			{
				// Tags only: TagResource and UntagResource, no update.
				PreConfig:        env.Sandbox.ResetStats,
				Config:           cpConfig(env, name, scaling2, `tags = { owner = "b" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{env.ExpectCallsPlanCheck(read)}},
				Check:            env.ExpectCallsCheck(map[string]int{"TagResource": 1, "UntagResource": 1}),
			},
			{
				// Removing managed_scaling returns the provider to ECS's defaults.
				Config: cpConfig(env, name, "", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(asgAttr("managed_scaling"), knownvalue.ListExact([]knownvalue.Check{})),
					cpState(asgAttr("managed_termination_protection"), knownvalue.StringExact("DISABLED")),
				},
				Check: func(*terraform.State) error {
					out, err := env.ECS().DescribeCapacityProviders(t.Context(), &ecs.DescribeCapacityProvidersInput{CapacityProviders: []string{name}})
					if err != nil {
						return err
					}
					ms := out.CapacityProviders[0].AutoScalingGroupProvider.ManagedScaling
					if ms.Status != ecstypes.ManagedScalingStatusDisabled || aws.ToInt32(ms.TargetCapacity) != 100 || aws.ToInt32(ms.InstanceWarmupPeriod) != 300 {
						return fmt.Errorf("managed scaling after removing the block: %+v", *ms)
					}
					return nil
				},
			},
			{
				// A second apply plans nothing.
				Config:   cpConfig(env, name, "", ""),
				PlanOnly: true,
			},
			{
				// Delete: one call, then polls until INACTIVE.
				PreConfig: env.Sandbox.ResetStats,
				Config:    env.ProviderConfig(),
				Check: func(*terraform.State) error {
					if n := env.Sandbox.Stats().Calls["DeleteCapacityProvider"]; n != 1 {
						return fmt.Errorf("DeleteCapacityProvider called %d times, want 1", n)
					}
					return nil
				},
			},
		},
	})
}

// TestAccCapacityProvider_updateFailed checks that UPDATE_FAILED fails the
// apply with ECS's reason, and that the next apply retries the update.
func TestAccCapacityProvider_updateFailed(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpf")
	scaling := `managed_scaling {
      status          = "ENABLED"
      target_capacity = 70
    }`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{Config: cpConfig(env, name, "", "")},
			{
				PreConfig: func() {
					if err := env.Sandbox.FailCapacityProviderUpdate("", "", name, "The Auto Scaling group could not be updated."); err != nil {
						t.Fatal(err)
					}
				},
				Config:      cpConfig(env, name, scaling, ""),
				ExpectError: regexp.MustCompile(`(?s)UPDATE_FAILED: The Auto Scaling group\s+could not be\s+updated`),
			},
			{
				Config: cpConfig(env, name, scaling, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(scalingAttr("target_capacity"), knownvalue.Int64Exact(70)),
				},
			},
		},
	})
}

// TestAccCapacityProvider_deleteAttached checks that deleting a provider
// that a cluster still uses is tried three times, not until the delete
// timeout, and fails naming the cluster and what to do, and that it is
// deleted once the association is gone.
func TestAccCapacityProvider_deleteAttached(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpa")
	if err := env.CreateCluster(name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.DeleteCluster(name) })
	deleteTries := env.ExpectCallsBetween(t, "DeleteCapacityProvider", 3, 3)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				Config: cpConfig(env, name, "", ""),
				Check: func(*terraform.State) error {
					_, err := env.ECS().PutClusterCapacityProviders(t.Context(), &ecs.PutClusterCapacityProvidersInput{
						Cluster: aws.String(name), CapacityProviders: []string{name},
						DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{},
					})
					return err
				},
			},
			{
				PreConfig:   env.Sandbox.ResetStats,
				Config:      env.ProviderConfig(),
				ExpectError: regexp.MustCompile(`(?s)Capacity provider is still in use.*associated with\s+cluster:\s+` + name + `.*Remove capacity provider`),
			},
			{
				PreConfig: func() {
					// The failed delete: three tries, not retries until the
					// delete timeout.
					deleteTries()
					_, err := env.ECS().PutClusterCapacityProviders(t.Context(), &ecs.PutClusterCapacityProvidersInput{
						Cluster: aws.String(name), CapacityProviders: []string{}, DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config: env.ProviderConfig(),
			},
		},
	})
}

// TestAccCapacityProvider_validation checks that the API's rules are
// refused at plan time, naming the attribute, with no ECS call.
func TestAccCapacityProvider_validation(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := map[string]struct{ name, asg, want string }{
		"reserved prefix": {"ecs-cp", "", `(?s)name.*ecs`},
		"bad characters":  {"cp.1", "", `(?s)name`},
		"builtin":         {"FARGATE", "", `(?s)name`},
		"target capacity": {"cp", `managed_scaling {
      target_capacity = 101
    }`, `(?s)target_capacity.*between 1 and 100`},
		"step sizes": {"cp", `managed_scaling {
      minimum_scaling_step_size = 20
      maximum_scaling_step_size = 10
    }`, `(?s)minimum_scaling_step_size \(20\) must not exceed`},
		"warmup": {"cp", `managed_scaling {
      instance_warmup_period = 10001
    }`, `(?s)instance_warmup_period.*between 0 and 10000`},
		"enum":       {"cp", `managed_draining = "ON"`, `(?s)managed_draining.*ENABLED`},
		"protection": {"cp", `managed_termination_protection = "ENABLED"`, `(?s)Managed termination protection needs managed scaling`},
	}
	for label, c := range cases {
		t.Run(label, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			acctest.Test(t, resource.TestCase{
				Steps: []resource.TestStep{{
					Config:      cpConfig(env, c.name, c.asg, ""),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(c.want),
				}},
			})
			if n := env.Sandbox.ECSCalls(); n != 0 {
				t.Errorf("%d ECS calls for a configuration refused at plan, want 0", n)
			}
		})
	}
}

// TestAccCapacityProvider_createCalls: a create makes one
// DescribeCapacityProviders (the name must be free) and one
// CreateCapacityProvider; a name already taken is refused with the import
// command before any CreateCapacityProvider.
func TestAccCapacityProvider_createCalls(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpc")
	taken := acctest.RandomName("x-cpt")
	noCreate := env.ExpectCallsBetween(t, "CreateCapacityProvider", 0, 0)
	oneCheck := env.ExpectCallsBetween(t, "DescribeCapacityProviders", 1, 1)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					if _, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
						Name: aws.String(taken), AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN(taken))},
					}); err != nil {
						t.Fatal(err)
					}
					env.Sandbox.ResetStats()
				},
				Config:      cpConfig(env, taken, "", ""),
				ExpectError: regexp.MustCompile(`(?s)Capacity provider already exists.*terraform import ecsx_capacity_provider\.<resource name> ` + taken),
			},
			{
				PreConfig: func() {
					noCreate()
					oneCheck()
					if _, err := env.ECS().DeleteCapacityProvider(t.Context(), &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String(taken)}); err != nil {
						t.Fatal(err)
					}
					env.Sandbox.ResetStats()
				},
				Config: cpConfig(env, name, "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionCreate), env.ExpectCallsPlanCheck(map[string]int{}),
				}},
				Check: env.ExpectCallsCheck(map[string]int{"DescribeCapacityProviders": 1, "CreateCapacityProvider": 1}),
			},
		},
	})
}

// TestAccCapacityProvider_createAnswerLost: ECS creates the provider and
// its answer is lost; the SDK's retry meets "already exists". The provider
// has the requested group and its name was free before the apply, so it is
// this apply's: the apply succeeds with it in the state, and the next plan
// is empty.
func TestAccCapacityProvider_createAnswerLost(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpl")
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { env.Sandbox.SetFault("CreateCapacityProvider", sandbox.Fault{DropAfterApply: 1}) },
				Config:    cpConfig(env, name, "", ""),
				Check: func(*terraform.State) error {
					return acctest.CallsBetween(env.Sandbox.Stats().Calls, "CreateCapacityProvider", 2, 2)
				},
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(tfjsonpath.New("arn"), knownvalue.StringRegexp(regexp.MustCompile(`:capacity-provider/`+name+`$`))),
				},
			},
			{
				PreConfig: env.Sandbox.ClearFaults,
				Config:    cpConfig(env, name, "", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

// TestAccCapacityProvider_createRequestLost: the connection of the only
// CreateCapacityProvider attempt (max_retries = 0) drops before ECS applies
// it. The provider cannot know that: it looks the provider up, finds
// nothing, and records the requested values under the provider's name,
// tainted, with the error. The next plan reads it by name, finds nothing
// and creates it.
func TestAccCapacityProvider_createRequestLost(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpr")
	config := strings.Replace(cpConfig(env, name, "", ""), env.ProviderConfig(), env.ProviderConfigWith("  max_retries = 0"), 1)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Sandbox.SetFault("CreateCapacityProvider", sandbox.Fault{DropBeforeApply: 1}) },
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)create capacity provider.*recorded\s+in\s+the\s+state\s+by\s+name,\s+as\s+tainted`),
			},
			{
				PreConfig: env.Sandbox.ClearFaults,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					// The refresh removed what the failed apply recorded.
					goneOnRefresh{addr: cpAddr},
					plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					cpState(tfjsonpath.New("arn"), knownvalue.StringRegexp(regexp.MustCompile(`:capacity-provider/`+name+`$`))),
				},
			},
		},
	})
}

// TestAccCapacityProvider_createNameTakenMeanwhile: the connection of the
// first CreateCapacityProvider attempt drops before ECS applies it, and
// before the SDK's retry another client creates a provider of that name
// with another Auto Scaling group. The retry meets "already exists" after an
// attempt whose outcome is unknown; the lookup finds the provider with
// another group, so the apply fails saying that someone else created it.
// Nothing is recorded (with the resource removed from the configuration,
// the plan is empty), and the other provider is left as it was: never
// deleted, still with its own group.
func TestAccCapacityProvider_createNameTakenMeanwhile(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-cpt")
	otherGroup := groupARN(name + "-other")
	hookRuns := 0
	var hookErr error
	createOther := func() {
		hookRuns++
		_, hookErr = env.ECS().CreateCapacityProvider(context.Background(), &ecs.CreateCapacityProviderInput{Name: aws.String(name),
			AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(otherGroup)}})
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkProvidersDestroyed(env),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.Sandbox.SetFault("CreateCapacityProvider", sandbox.Fault{DropBeforeApply: 1})
					env.Sandbox.AfterNextCall("CreateCapacityProvider", createOther)
				},
				Config:      cpConfig(env, name, "", ""),
				ExpectError: regexp.MustCompile(`(?s)create capacity provider.*now\s+exists,\s+but\s+not\s+with\s+the\s+Auto\s+Scaling\s+group\s+or\s+cluster\s+this\s+apply\s+requested,\s+so\s+it\s+was\s+created\s+by\s+someone\s+else`),
			},
			{
				PreConfig: func() {
					env.Sandbox.ClearFaults()
					if hookRuns != 1 || hookErr != nil {
						t.Fatalf("the other provider was created %d times (%v), want once", hookRuns, hookErr)
					}
				},
				// Nothing in the state: without the resource, nothing to destroy.
				Config: env.ProviderConfig(),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: func(*terraform.State) error {
					if n := env.Sandbox.Stats().Calls["DeleteCapacityProvider"]; n != 0 {
						return fmt.Errorf("%d DeleteCapacityProvider calls, want 0", n)
					}
					p := describeProvider(t, env, name)
					if p.Status != ecstypes.CapacityProviderStatusActive || p.AutoScalingGroupProvider == nil ||
						aws.ToString(p.AutoScalingGroupProvider.AutoScalingGroupArn) != otherGroup {
						return fmt.Errorf("the other provider is %s with %+v, want ACTIVE with group %s", p.Status, p.AutoScalingGroupProvider, otherGroup)
					}
					return nil
				},
			},
		},
	})
}

// goneOnRefresh is a plan check: the refresh found the resource at addr
// gone (it was in the prior state, and the plan's drift deletes it).
type goneOnRefresh struct{ addr string }

func (c goneOnRefresh) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceDrift {
		if rc.Address == c.addr && rc.Change != nil && rc.Change.Actions.Delete() {
			return
		}
	}
	resp.Error = fmt.Errorf("the refresh did not find %s in the state and gone", c.addr)
}
