package provider_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

// inUseConfig is a cluster, capacity providers <name>-a and <name>-b, and
// their association with the default strategy on provider def.
func inUseConfig(env *acctest.Env, name, associated, def string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}

resource "ecsx_capacity_provider" "a" {
  name = "%[1]s-a"
  auto_scaling_group_provider {
    auto_scaling_group_arn = %[2]q
  }
}

resource "ecsx_capacity_provider" "b" {
  name = "%[1]s-b"
  auto_scaling_group_provider {
    auto_scaling_group_arn = %[3]q
  }
}

resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = [%[4]s]

  default_capacity_provider_strategy {
    capacity_provider = %[5]s
    weight            = 1
  }
}
`, name, groupARN(name+"-a"), groupARN(name+"-b"), associated, def)
}

// TestAccClusterCapacityProviders_inUse checks that when ECS refuses to
// remove a capacity provider that services and tasks use
// (ResourceInUseException), the error names them: a service whose strategy
// names it, a service that follows the cluster's default strategy, and a
// task of its own, but not a service on another provider.
func TestAccClusterCapacityProviders_inUse(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-inuse")
	both := `ecsx_capacity_provider.a.name, ecsx_capacity_provider.b.name`
	var taskID string
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(env.CheckClustersDestroyed(), checkProvidersDestroyed(env)),
		Steps: []resource.TestStep{
			{
				Config: inUseConfig(env, name, both, "ecsx_capacity_provider.a.name"),
				Check: func(*terraform.State) error {
					var err error
					if taskID, err = occupyProviders(t.Context(), env.ECS(), name); err != nil {
						return err
					}
					// The sandbox refuses to take a provider of the default
					// strategy away from a cluster with occupants; the error
					// names the services and tasks that ECS reports.
					return env.Sandbox.SetOccupants("", "", name, sandbox.Occupants{RunningTasks: 1})
				},
			},
			{
				Config: inUseConfig(env, name, "ecsx_capacity_provider.b.name", "ecsx_capacity_provider.b.name"),
				ExpectError: regexp.MustCompile(`(?s)ResourceInUseException.*ECS refuses to remove capacity providers\s+` + name + `-a\s+from\s+cluster\s+` +
					name + `.*In use by:\s+service\s+(web|api),\s+service\s+(web|api),\s+task\s+[0-9a-f]+\s+\(on\s+` + name + `-a\)\..*Move them to another`),
			},
			{
				// The names are those of ECS: the task is the one started.
				PreConfig: func() {
					if taskID == "" {
						t.Fatal("no task was started")
					}
					drainServices(t, env.ECS(), name, taskID)
					if err := env.Sandbox.SetOccupants("", "", name, sandbox.Occupants{}); err != nil {
						t.Fatal(err)
					}
				},
				Config: inUseConfig(env, name, "ecsx_capacity_provider.b.name", "ecsx_capacity_provider.b.name"),
			},
		},
	})
}

// occupyProviders gives cluster name's capacity provider <name>-a users:
// service web (strategy on it), service api (no strategy nor launch type:
// the cluster's default strategy) and a task of its own, and service other
// on <name>-b. It returns the task's ID.
func occupyProviders(ctx context.Context, client *ecs.Client, name string) (string, error) {
	on := func(p string) []ecstypes.CapacityProviderStrategyItem {
		return []ecstypes.CapacityProviderStrategyItem{{CapacityProvider: aws.String(p), Weight: 1}}
	}
	for svc, strategy := range map[string][]ecstypes.CapacityProviderStrategyItem{"web": on(name + "-a"), "api": nil, "other": on(name + "-b")} {
		_, err := client.CreateService(ctx, &ecs.CreateServiceInput{
			Cluster: aws.String(name), ServiceName: aws.String(svc), TaskDefinition: aws.String(svc + ":1"),
			DesiredCount: aws.Int32(1), CapacityProviderStrategy: strategy,
		})
		if err != nil {
			return "", fmt.Errorf("CreateService %s: %w", svc, err)
		}
	}
	out, err := client.RunTask(ctx, &ecs.RunTaskInput{
		Cluster: aws.String(name), TaskDefinition: aws.String("job:1"), CapacityProviderStrategy: on(name + "-a"),
	})
	if err != nil || len(out.Tasks) != 1 {
		return "", fmt.Errorf("RunTask: %v (%d tasks)", err, len(out.Tasks))
	}
	if got := aws.ToString(out.Tasks[0].CapacityProviderName); got != name+"-a" {
		return "", fmt.Errorf("task placed on %q, want %s-a", got, name)
	}
	return lastPart(aws.ToString(out.Tasks[0].TaskArn)), nil
}

func lastPart(arn string) string {
	for i := len(arn) - 1; i >= 0; i-- {
		if arn[i] == '/' {
			return arn[i+1:]
		}
	}
	return arn
}

// drainServices deletes the services of cluster and stops its task, so that
// the providers are free, as a user who moves them would.
func drainServices(t *testing.T, client *ecs.Client, cluster, taskID string) {
	t.Helper()
	ctx := t.Context()
	for _, svc := range []string{"web", "api", "other"} {
		if _, err := client.DeleteService(ctx, &ecs.DeleteServiceInput{Cluster: aws.String(cluster), Service: aws.String(svc), Force: aws.Bool(true)}); err != nil {
			t.Fatalf("DeleteService %s: %v", svc, err)
		}
	}
	if _, err := client.StopTask(ctx, &ecs.StopTaskInput{Cluster: aws.String(cluster), Task: aws.String(taskID)}); err != nil {
		t.Fatalf("StopTask: %v", err)
	}
}
