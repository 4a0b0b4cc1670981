package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
)

// busyCluster gives cluster what the force_destroy tests remove: 3 services
// (web runs 2 tasks, worker and batch none), 3 tasks of their own (5
// running tasks in all) and 2 container instances.
func busyCluster(ctx context.Context, env *acctest.Env, cluster string) error {
	if _, err := env.Sandbox.RegisterContainerInstances("", "", cluster, 2); err != nil {
		return err
	}
	client := env.ECS()
	for name, desired := range map[string]int32{"web": 2, "worker": 0, "batch": 0} {
		_, err := client.CreateService(ctx, &ecs.CreateServiceInput{
			Cluster:        aws.String(cluster),
			ServiceName:    aws.String(name),
			TaskDefinition: aws.String(name + ":1"),
			DesiredCount:   aws.Int32(desired),
			LaunchType:     ecstypes.LaunchTypeEc2,
		})
		if err != nil {
			return fmt.Errorf("CreateService %s: %w", name, err)
		}
	}
	out, err := client.RunTask(ctx, &ecs.RunTaskInput{
		Cluster:        aws.String(cluster),
		TaskDefinition: aws.String("job:1"),
		Count:          aws.Int32(3),
		LaunchType:     ecstypes.LaunchTypeEc2,
	})
	if err != nil {
		return fmt.Errorf("RunTask: %w", err)
	}
	if len(out.Tasks) != 3 || len(out.Failures) != 0 {
		return fmt.Errorf("RunTask started %d tasks, failures %v", len(out.Tasks), out.Failures)
	}
	return nil
}

func clusterCounts(services, tasks, instances int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("active_services_count"), knownvalue.Int64Exact(services)),
		statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("running_tasks_count"), knownvalue.Int64Exact(tasks)),
		statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("registered_container_instances_count"), knownvalue.Int64Exact(instances)),
	}
}

// checkDrained checks that cluster is gone with nothing left in it, and the
// calls of the forced destroy: one of each List (one page each), one
// DeleteService per service, one StopTask per task left after the services
// went, one DeregisterContainerInstance per instance.
func checkDrained(env *acctest.Env, cluster string, want map[string]int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if err := env.CheckClustersDestroyed()(s); err != nil {
			return err
		}
		calls := env.Sandbox.Stats().Calls
		for op, n := range want {
			if calls[op] != n {
				return fmt.Errorf("%s: %d calls, want %d (all calls %v)", op, calls[op], n, calls)
			}
		}
		if calls["UpdateService"] != 0 {
			return fmt.Errorf("%d UpdateService calls: DeleteService with force scales a service itself", calls["UpdateService"])
		}
		c, err := env.ECS().DescribeClusters(context.Background(), &ecs.DescribeClustersInput{Clusters: []string{cluster}})
		if err != nil {
			return err
		}
		for _, cl := range c.Clusters {
			if cl.RunningTasksCount+cl.PendingTasksCount+cl.ActiveServicesCount+cl.RegisteredContainerInstancesCount != 0 {
				return fmt.Errorf("cluster %s still reports %d running, %d pending tasks, %d services, %d instances", cluster,
					cl.RunningTasksCount, cl.PendingTasksCount, cl.ActiveServicesCount, cl.RegisteredContainerInstancesCount)
			}
		}
		return nil
	}
}

// forcedDestroyCalls are the calls of the destroy of a busyCluster: the
// plan's warning lists what runs (one ListServices, ListTasks, DescribeTasks
// and ListContainerInstances), then the drain lists and removes it.
var forcedDestroyCalls = map[string]int{
	"ListServices": 2, "DeleteService": 3,
	"ListTasks": 2, "DescribeTasks": 1, "StopTask": 3,
	"ListContainerInstances": 2, "DeregisterContainerInstance": 2,
}

// TestAccCluster_forceDestroy destroys a busy cluster in one run.
func TestAccCluster_forceDestroy(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("busy")
	config := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name          = %q
  force_destroy = true
}
`, name)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkDrained(env, name, forcedDestroyCalls),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("force_destroy"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error { return busyCluster(context.Background(), env, name) },
			},
			{
				// The refresh records what runs in the cluster; nothing to change.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: clusterCounts(3, 5, 2),
				Check: func(*terraform.State) error {
					env.Sandbox.ResetStats()
					return nil
				},
			},
		},
	})
}

// TestAccCluster_forceDestroyOff: without force_destroy the destroy of a
// busy cluster fails naming what is left and pointing at force_destroy; once
// an apply records force_destroy = true (an in-place change with no ECS
// call), the next destroy removes everything.
func TestAccCluster_forceDestroyOff(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("busy")
	config := func(force bool) string {
		return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name          = %q
  force_destroy = %t

  timeouts {
    delete = "3s"
  }
}
`, name, force)
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: checkDrained(env, name, forcedDestroyCalls),
		Steps: []resource.TestStep{
			{
				Config: config(false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("force_destroy"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error { return busyCluster(context.Background(), env, name) },
			},
			{
				Config:      config(false),
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)could not be deleted within 3s.*still\s+has.*force_destroy\s+=\s+true`),
			},
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    config(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					env.ExpectCallsPlanCheck(map[string]int{"DescribeClusters": 1}),
				}},
				ConfigStateChecks: append(clusterCounts(3, 5, 2),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("force_destroy"), knownvalue.Bool(true))),
				// Recording force_destroy makes no call.
				Check: env.ExpectCallsCheck(map[string]int{}),
			},
		},
	})
}

// TestAccCluster_ephemeralExample applies examples/ephemeral-cluster,
// starts a task in the cluster and destroys it in one run.
func TestAccCluster_ephemeralExample(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "ephemeral-cluster", "main.tf"))
	if err != nil {
		t.Fatalf("reading the example: %v", err)
	}
	config := string(b)
	config = config[strings.Index(config, "\nvariable "):]
	env := acctest.New(t)
	addr := "ecsx_cluster.preview"
	var cluster string
	acctest.Test(t, resource.TestCase{
		CheckDestroy: func(s *terraform.State) error {
			return checkDrained(env, cluster, map[string]int{"StopTask": 1, "DeregisterContainerInstance": 1, "DeleteService": 0})(s)
		},
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("force_destroy"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
					"environment": knownvalue.StringExact("preview"),
					"preview":     knownvalue.StringExact("pr-1234"),
				})),
			},
			Check: func(s *terraform.State) error {
				cluster = s.RootModule().Resources[addr].Primary.Attributes["name"]
				if !strings.HasPrefix(cluster, "preview-") {
					return fmt.Errorf("cluster name %q", cluster)
				}
				if _, err := env.Sandbox.RegisterContainerInstances("", "", cluster, 1); err != nil {
					return err
				}
				if _, err := env.ECS().RunTask(context.Background(), &ecs.RunTaskInput{
					Cluster: aws.String(cluster), TaskDefinition: aws.String("smoke:1"), LaunchType: ecstypes.LaunchTypeEc2,
				}); err != nil {
					return err
				}
				env.Sandbox.ResetStats()
				return nil
			},
		}},
	})
}
