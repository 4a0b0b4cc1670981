package reliability_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// TestDrift_outOfBand completes the drift cases of the provider tests
// (which cover an out-of-band delete, an added tag, a changed setting, a
// removed configuration, removed capacity providers and a changed
// namespace) with the other direction of each: a tag value changed and a
// tag removed, a configuration changed, a provider added and the strategy
// changed, the Service Connect default removed. Each shows as an update in
// the next plan and the apply restores the configuration.
func TestDrift_outOfBand(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := "drift"
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %q
  tags = { team = "core", env = "prod" }

  setting {
    name  = "containerInsights"
    value = "enabled"
  }

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"

      log_configuration {
        cloud_watch_log_group_name = "/ecs/exec"
      }
    }
  }

  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 2
    base              = 1
  }

  service_connect_defaults {
    namespace = "drift-ns"
  }
}
`, name)
	ctx := t.Context()
	client := env.ECS()
	arn := func() *string {
		a, err := env.ClusterARN(name)
		if err != nil {
			t.Fatal(err)
		}
		return aws.String(a)
	}
	drift := func(change func() error) resource.TestStep {
		return resource.TestStep{
			PreConfig: func() {
				if err := change(); err != nil {
					t.Fatalf("out-of-band change: %v", err)
				}
			},
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"team": knownvalue.StringExact("core"), "env": knownvalue.StringExact("prod"),
				})),
			},
			Check: checks(
				resource.TestCheckTypeSetElemNestedAttrs(clusterAddr, "setting.*", map[string]string{"name": "containerInsights", "value": "enabled"}),
				resource.TestCheckResourceAttr(clusterAddr, "configuration.0.execute_command_configuration.0.logging", "OVERRIDE"),
				resource.TestCheckResourceAttr(clusterAddr, "capacity_providers.#", "1"),
				resource.TestCheckResourceAttr(clusterAddr, "default_capacity_provider_strategy.#", "1"),
				resource.TestCheckTypeSetElemNestedAttrs(clusterAddr, "default_capacity_provider_strategy.*", map[string]string{
					"capacity_provider": "FARGATE", "weight": "2", "base": "1",
				}),
				resource.TestCheckResourceAttr(clusterAddr, "service_connect_defaults.0.namespace", "drift-ns"),
				checkNoOrphans(env),
			),
		}
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: config},
			drift(func() error { // a tag value changed
				_, err := client.TagResource(ctx, &ecs.TagResourceInput{ResourceArn: arn(),
					Tags: []ecstypes.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}})
				return err
			}),
			drift(func() error { // a tag removed
				_, err := client.UntagResource(ctx, &ecs.UntagResourceInput{ResourceArn: arn(), TagKeys: []string{"team"}})
				return err
			}),
			drift(func() error { // the configuration changed
				_, err := client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String(name),
					Configuration: &ecstypes.ClusterConfiguration{ExecuteCommandConfiguration: &ecstypes.ExecuteCommandConfiguration{
						Logging: ecstypes.ExecuteCommandLoggingNone}}})
				return err
			}),
			drift(func() error { // a provider added and the strategy changed
				_, err := client.PutClusterCapacityProviders(ctx, &ecs.PutClusterCapacityProvidersInput{Cluster: aws.String(name),
					CapacityProviders: []string{"FARGATE", "FARGATE_SPOT"},
					DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
						{CapacityProvider: aws.String("FARGATE_SPOT"), Weight: 5},
					}})
				return err
			}),
			drift(func() error { // the Service Connect default removed
				_, err := client.UpdateCluster(ctx, &ecs.UpdateClusterInput{Cluster: aws.String(name),
					ServiceConnectDefaults: &ecstypes.ClusterServiceConnectDefaultsRequest{Namespace: aws.String("")}})
				return err
			}),
		},
	})
}

// TestDelete_occupied: a destroy blocked by tasks, services and instances
// fails after the delete timeout naming them, and removes nothing from the
// state while the cluster exists: the next plan has no create (nor any
// change). Once the occupants are gone, destroy succeeds.
func TestDelete_occupied(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := "occupied"
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %q

  timeouts {
    delete = "2s"
  }
}
`, name)
	setOccupants := func(o sandbox.Occupants) func() {
		return func() {
			if err := env.Sandbox.SetOccupants("", "", name, o); err != nil {
				t.Fatal(err)
			}
		}
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:   setOccupants(sandbox.Occupants{RunningTasks: 1, PendingTasks: 2, DrainingServices: 1}),
				Config:      config,
				Destroy:     true,
				ExpectError: wantRegexp(`occupied could not be deleted within 2s: cluster occupied still has 1 running task, 2 pending tasks and 1 draining`),
			},
			{
				// Still in the state, unchanged: an empty plan.
				Config:   config,
				PlanOnly: true,
			},
			{
				// An apply of nothing, for the check (a PlanOnly step
				// never runs its Check).
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				Check: checkNoOrphans(env),
			},
			{
				PreConfig: setOccupants(sandbox.Occupants{}),
				Config:    config,
				Destroy:   true,
			},
		},
	})
	if live, err := liveClusters(t.Context(), env.ECS()); err != nil || len(live) != 0 {
		t.Errorf("after destroy: clusters %v, error %v", live, err)
	}
}

// TestDrift_failedClusterWarned: a cluster that ECS later reports as FAILED
// (its capacity provider resources could not be created) is not a silent
// state change: every plan warns, with the attachment reasons, until it is
// repaired or replaced.
func TestDrift_failedClusterWarned(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	sb, url, _ := startSandbox(t, sandbox.Options{AccessKey: "test", SecretKey: "test"})
	c := newCLI(t)
	c.write(cliProvider(url, "test", "test", "") + `
resource "ecsx_cluster" "c" {
  name = "goes-failed"
}
`)
	c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if out := c.mustRun("plan", "-input=false", "-no-color"); strings.Contains(out, "Cluster is FAILED") {
		t.Fatalf("the plan of an ACTIVE cluster warns:\n%s", out)
	}
	if err := sb.FailCluster("", "", "goes-failed", "Auto Scaling group asg-x was deleted."); err != nil {
		t.Fatal(err)
	}
	out := c.mustRun("plan", "-input=false", "-no-color")
	for _, want := range []string{"Warning: Cluster is FAILED", "goes-failed", "asg-x was deleted", "-replace="} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan after the cluster failed lacks %q:\n%s", want, out)
		}
	}
	c.mustRun("destroy", "-auto-approve", "-input=false", "-no-color")
}
