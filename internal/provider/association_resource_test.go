package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
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

const ccpAddr = "ecsx_cluster_capacity_providers.test"

// ec2Config is an EC2-backed cluster: the cluster, a capacity provider of
// the literal Auto Scaling group, and their association with strategy.
func ec2Config(env *acctest.Env, name, scaling, strategy, tags string) string {
	return env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}

resource "ecsx_capacity_provider" "test" {
  name = "%[1]s-ec2"
  %[5]s

  auto_scaling_group_provider {
    auto_scaling_group_arn = %[2]q
    %[3]s
  }
}

resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = [ecsx_capacity_provider.test.name, "FARGATE"]

  %[4]s
}
`, name, groupARN(name), scaling, strategy, tags)
}

// TestAccClusterCapacityProviders_ec2 creates an EC2-backed cluster in one
// apply (the provider PROVISIONING for a while, the association waiting for
// it), changes its scaling, strategy and tags in one apply, imports the
// association, and destroys everything in one run while the Auto Scaling
// group's instances are still registered: the association goes first, the
// provider's deletion scales the group in, and the cluster's deletion waits
// for its instances to deregister.
func TestAccClusterCapacityProviders_ec2(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	env.Sandbox.SetProviderLifecycle(sandbox.ProviderLifecycle{Provision: 500 * time.Millisecond, Update: 300 * time.Millisecond, ScaleIn: 1500 * time.Millisecond})
	name := acctest.RandomName("x-ec2")
	strategy1 := `default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.test.name
    weight            = 1
    base              = 1
  }`
	strategy2 := `default_capacity_provider_strategy {
    capacity_provider = ecsx_capacity_provider.test.name
    weight            = 3
  }
  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }`
	scaling := `managed_scaling {
      status          = "ENABLED"
      target_capacity = 80
    }`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(env.CheckClustersDestroyed(), checkProvidersDestroyed(env)),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Sandbox.ResetStats,
				Config:    ec2Config(env, name, "", strategy1, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ccpAddr, tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue(ccpAddr, tfjsonpath.New("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact(name + "-ec2"), knownvalue.StringExact("FARGATE"),
					})),
					statecheck.ExpectKnownValue(ccpAddr, tfjsonpath.New("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
						strategyItem(name+"-ec2", 1, 1),
					})),
					// ecsx_cluster without capacity_providers leaves them to the association.
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("capacity_providers"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if calls["CreateCluster"] != 1 || calls["CreateCapacityProvider"] != 1 || calls["PutClusterCapacityProviders"] != 1 {
						return fmt.Errorf("calls %v: want one CreateCluster, CreateCapacityProvider and PutClusterCapacityProviders", calls)
					}
					// The provider's PROVISIONING wait is a few polls, not one per poll interval of 20 minutes.
					if n := calls["DescribeCapacityProviders"]; n < 2 || n > 8 {
						return fmt.Errorf("DescribeCapacityProviders called %d times, want 2-8 (polls of the create and of the association)", n)
					}
					return env.Sandbox.SetAutoScalingGroupInstances("", "", name, groupARN(name), 2)
				},
			},
			{
				// Scaling, strategy and tags in one apply.
				Config: ec2Config(env, name, scaling, strategy2, `tags = { team = "a" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(cpAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(ccpAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionNoop),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ccpAddr, tfjsonpath.New("default_capacity_provider_strategy"), knownvalue.SetExact([]knownvalue.Check{
						strategyItem(name+"-ec2", 3, 0), strategyItem("FARGATE", 1, 0),
					})),
					cpState(scalingAttr("target_capacity"), knownvalue.Int64Exact(80)),
					cpState(tfjsonpath.New("tags_all"), strMap(map[string]string{"team": "a"})),
				},
			},
			{ResourceName: ccpAddr, ImportState: true, ImportStateVerify: true, ImportStateId: name},
			{ResourceName: cpAddr, ImportState: true, ImportStateVerify: true},
			{
				// One destroy with the group's instances still registered.
				PreConfig: env.Sandbox.ResetStats,
				Config:    env.ProviderConfig(),
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if calls["DeleteCapacityProvider"] != 1 || calls["PutClusterCapacityProviders"] != 1 {
						return fmt.Errorf("calls %v: want one PutClusterCapacityProviders and one DeleteCapacityProvider", calls)
					}
					if calls["DeleteCluster"] < 1 {
						return fmt.Errorf("calls %v: no DeleteCluster", calls)
					}
					return nil
				},
			},
		},
	})
}

// TestAccClusterCapacityProviders_missingProvider checks that a provider
// that does not exist fails the apply with its name, before
// PutClusterCapacityProviders.
func TestAccClusterCapacityProviders_missingProvider(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-ccp")
	cluster := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name)
	noPut := env.ExpectCallsBetween(t, "PutClusterCapacityProviders", 0, 0)
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: cluster + `
resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = ["nope"]
}
`,
				ExpectError: regexp.MustCompile(`(?s)Capacity provider "nope" cannot be associated.*does not exist`),
			},
			{
				// The failed apply made no PutClusterCapacityProviders.
				PreConfig: noPut,
				Config:    cluster,
			},
		},
	})
}

// TestAccClusterCapacityProviders_validation checks the strategy rules at
// plan time with no ECS call.
func TestAccClusterCapacityProviders_validation(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	acctest.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + `
resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = "c"
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 1
  }
}
`,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)default_capacity_provider_strategy.*FARGATE_SPOT`),
		}},
	})
	if n := env.Sandbox.ECSCalls(); n != 0 {
		t.Errorf("%d ECS calls for a configuration refused at plan, want 0", n)
	}
}

// TestAccClusterCapacityProviders_example applies examples/ec2-capacity and
// the association's example, then, with the Auto Scaling group's instances
// registered, destroys them in one run.
func TestAccClusterCapacityProviders_example(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	var config string
	for _, p := range []string{"ec2-capacity/main.tf", "resources/ecsx_cluster_capacity_providers/resource.tf", "resources/ecsx_capacity_provider/resource.tf"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "examples", p))
		if err != nil {
			t.Fatalf("reading the example: %v", err)
		}
		// The test's own provider block and source replace the example's.
		text := "\n" + string(b)
		if i := strings.Index(text, "\nresource "); i >= 0 {
			text = text[i:]
		}
		config += text + "\n"
	}
	env := acctest.New(t)
	env.Sandbox.SetProviderLifecycle(sandbox.ProviderLifecycle{Provision: 300 * time.Millisecond, ScaleIn: time.Second})
	acctest.Test(t, resource.TestCase{
		CheckDestroy: resource.ComposeTestCheckFunc(env.CheckClustersDestroyed(), checkProvidersDestroyed(env)),
		Steps: []resource.TestStep{{
			Config: env.ProviderConfig() + config,
			Check: func(*terraform.State) error {
				arn := "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/ec2-capacity"
				return env.Sandbox.SetAutoScalingGroupInstances("", "", "ec2-capacity", arn, 3)
			},
		}},
	})
}

// TestAccCluster_waitsForProvider checks that an ecsx_cluster with
// capacity_providers waits until a capacity provider created elsewhere (still
// PROVISIONING) is ACTIVE before it associates it, at create and at update.
func TestAccCluster_waitsForProvider(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	// Longer than a plan takes, so that the apply meets PROVISIONING.
	env.Sandbox.SetProviderLifecycle(sandbox.ProviderLifecycle{Provision: 4 * time.Second})
	name := acctest.RandomName("x-wait")
	create := func(suffix string) func() {
		return func() {
			_, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
				Name:                     aws.String(name + suffix),
				AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN(name + suffix))},
			})
			if err != nil {
				t.Fatalf("creating capacity provider %s%s: %v", name, suffix, err)
			}
		}
	}
	t.Cleanup(func() {
		for _, suffix := range []string{"-a", "-b"} {
			_, _ = env.ECS().DeleteCapacityProvider(context.Background(), &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String(name + suffix)})
		}
	})
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: create("-a"),
				Config:    clusterConfig(env, name, fmt.Sprintf(`capacity_providers = ["%s-a"]`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(name + "-a")})),
				},
			},
			{
				PreConfig: create("-b"),
				Config:    clusterConfig(env, name, fmt.Sprintf(`capacity_providers = ["%[1]s-a", "%[1]s-b"]`, name)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("capacity_providers"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				// A strategy change does not look up the providers already
				// associated.
				PreConfig: env.Sandbox.ResetStats,
				Config: clusterConfig(env, name, fmt.Sprintf(`capacity_providers = ["%[1]s-a", "%[1]s-b"]`, name)+strategyBlocks(fmt.Sprintf(`capacity_provider = "%s-a"
    weight            = 1`, name))),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{env.ExpectCallsPlanCheck(map[string]int{"DescribeClusters": 1})}},
				Check: func(*terraform.State) error {
					calls := env.Sandbox.Stats().Calls
					if calls["PutClusterCapacityProviders"] != 1 || calls["DescribeCapacityProviders"] != 0 {
						return fmt.Errorf("calls %v: want 1 PutClusterCapacityProviders and no DescribeCapacityProviders", calls)
					}
					return nil
				},
			},
		},
	})
}

// TestAccClusterCapacityProviders_deleteOutcomeUnknown: the only attempt
// (max_retries = 0) of the delete's PutClusterCapacityProviders gets no
// answer. When the connection dropped before ECS applied it, the provider
// reads the cluster again, finds its capacity providers still there, and
// fails saying so with the association kept in the state (the next plan
// destroys it). When ECS applied it and only the answer was lost, the
// lookup finds them removed and the delete succeeds.
func TestAccClusterCapacityProviders_deleteOutcomeUnknown(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	name := acctest.RandomName("x-ccd")
	cluster := env.ProviderConfigWith("  max_retries = 0") + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name)
	association := cluster + `
resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }
}
`
	providersOf := func() ([]string, int, error) {
		out, err := env.ECS().DescribeClusters(t.Context(), &ecs.DescribeClustersInput{Clusters: []string{name}})
		if err != nil || len(out.Clusters) != 1 {
			return nil, 0, fmt.Errorf("describe %s: %v (%d found)", name, err, len(out.Clusters))
		}
		return out.Clusters[0].CapacityProviders, len(out.Clusters[0].DefaultCapacityProviderStrategy), nil
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: association},
			{
				PreConfig:   func() { env.Sandbox.SetFault("PutClusterCapacityProviders", sandbox.Fault{DropBeforeApply: 1}) },
				Config:      cluster,
				ExpectError: regexp.MustCompile(`(?s)remove the capacity providers.*ECS\s+still\s+reports\s+capacity\s+providers\s+\[FARGATE\]\s+and\s+1\s+default`),
			},
			{
				// ECS kept them, and the association is still in the state.
				PreConfig: func() {
					env.Sandbox.ClearFaults()
					if providers, items, err := providersOf(); err != nil || len(providers) != 1 || items != 1 {
						t.Fatalf("after the failed delete the cluster has %v and %d strategy items (%v), want FARGATE and 1", providers, items, err)
					}
				},
				Config: cluster,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ccpAddr, plancheck.ResourceActionDestroy),
				}},
				Check: func(*terraform.State) error {
					if providers, items, err := providersOf(); err != nil || len(providers) != 0 || items != 0 {
						return fmt.Errorf("after the delete the cluster has %v and %d strategy items (%v)", providers, items, err)
					}
					return nil
				},
			},
			{PreConfig: env.Sandbox.ResetStats, Config: association},
			{
				// Applied, answer lost: the lookup finds them removed.
				PreConfig: func() { env.Sandbox.SetFault("PutClusterCapacityProviders", sandbox.Fault{DropAfterApply: 1}) },
				Config:    cluster,
				Check: func(*terraform.State) error {
					if st := env.Sandbox.Stats(); st.Dropped != 1 {
						return fmt.Errorf("%d answers dropped, want 1", st.Dropped)
					}
					if providers, items, err := providersOf(); err != nil || len(providers) != 0 || items != 0 {
						return fmt.Errorf("after the delete the cluster has %v and %d strategy items (%v)", providers, items, err)
					}
					return nil
				},
			},
		},
	})
}

// TestAccClusterCapacityProviders_timeouts: timeouts.create bounds the wait
// for a capacity provider to become ACTIVE. With a provider that the
// sandbox keeps PROVISIONING for 10 minutes and create = "3s", the apply
// fails naming the provider and the wait within seconds, not after the
// default 20 minutes, and makes no PutClusterCapacityProviders.
func TestAccClusterCapacityProviders_timeouts(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	env.Sandbox.SetProviderLifecycle(sandbox.ProviderLifecycle{Provision: 10 * time.Minute})
	name := acctest.RandomName("x-tmo")
	cluster := env.ProviderConfig() + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = %[1]q
}
`, name)
	t.Cleanup(func() {
		_, _ = env.ECS().DeleteCapacityProvider(context.Background(), &ecs.DeleteCapacityProviderInput{CapacityProvider: aws.String(name + "-slow")})
	})
	noPut := env.ExpectCallsBetween(t, "PutClusterCapacityProviders", 0, 0)
	var applyStarted time.Time
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					_, err := env.ECS().CreateCapacityProvider(t.Context(), &ecs.CreateCapacityProviderInput{
						Name:                     aws.String(name + "-slow"),
						AutoScalingGroupProvider: &ecstypes.AutoScalingGroupProvider{AutoScalingGroupArn: aws.String(groupARN(name + "-slow"))},
					})
					if err != nil {
						t.Fatal(err)
					}
					applyStarted = time.Now()
				},
				Config: cluster + fmt.Sprintf(`
resource "ecsx_cluster_capacity_providers" "test" {
  cluster_name       = ecsx_cluster.test.name
  capacity_providers = ["%s-slow"]

  timeouts {
    create = "3s"
  }
}
`, name),
				ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)Capacity\s+provider\s+"%[1]s-slow"\s+cannot\s+be\s+associated.*timed\s+out;\s+last\s+error:\s+capacity\s+provider\s+%[1]s-slow\s+is\s+still\s+PROVISIONING.*become\s+ACTIVE`, name)),
			},
			{
				// The failed apply gave up within the timeout and made no
				// PutClusterCapacityProviders.
				PreConfig: func() {
					if took := time.Since(applyStarted); took > 90*time.Second {
						t.Errorf("the apply with timeouts.create = 3s failed after %s", took)
					}
					noPut()
				},
				Config: cluster,
			},
		},
	})
}
