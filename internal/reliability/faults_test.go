package reliability_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

const clusterAddr = "ecsx_cluster.test"

// expectNoLiveClusters is a PreConfig asserting that the sandbox holds no
// cluster (after a create that failed without saving anything).
func expectNoLiveClusters(t *testing.T, env *acctest.Env) {
	t.Helper()
	live, err := liveClusters(t.Context(), env.ECS())
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != 0 {
		t.Fatalf("a failed create that saved nothing left %d clusters in ECS: %v", len(live), live)
	}
}

func checks(fs ...resource.TestCheckFunc) resource.TestCheckFunc {
	return resource.ComposeAggregateTestCheckFunc(fs...)
}

// TestFault_throttling creates and updates 10 clusters against a sandbox
// that throttles every operation: the SDK retries the throttled calls and
// the apply converges with every cluster known to the state.
func TestFault_throttling(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	env.Sandbox.SetFault("", sandbox.Fault{RateLimit: 20, Burst: 5})
	config := func(stage string) string {
		return env.ProviderConfigWith(`  max_retries = 50`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  count = 10
  name  = "throttled-${count.index}"
  tags  = { stage = %q }
}
`, stage)
	}
	throttled := func(*terraform.State) error {
		if n := env.Sandbox.Stats().Throttled; n == 0 {
			return fmt.Errorf("no call was throttled: the fault was not exercised")
		}
		return nil
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: config("one"), Check: checks(checkNoOrphans(env), throttled)},
			{
				Config: config("two"),
				Check: checks(checkNoOrphans(env),
					resource.TestCheckResourceAttr("ecsx_cluster.test.9", "tags.stage", "two"),
					resource.TestCheckResourceAttr("ecsx_cluster.test.0", "tags.stage", "two")),
			},
		},
	})
}

// TestFault_serverErrors: a create answered by HTTP 500 with retries off
// fails without leaving a cluster; with errors on half of all calls and
// retries on, the apply converges.
func TestFault_serverErrors(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	config := func(retries int) string {
		return env.ProviderConfigWith(fmt.Sprintf(`  max_retries = %d`, retries)) + `
resource "ecsx_cluster" "test" {
  name = "five-hundred"
  tags = { k = "v" }
}
`
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Sandbox.SetFault("CreateCluster", sandbox.Fault{ErrorRate: 1}) },
				Config:      config(0),
				ExpectError: regexp.MustCompile(`(?s)create cluster "five-hundred".*ServerException`),
			},
			{
				PreConfig: func() {
					expectNoLiveClusters(t, env)
					env.Sandbox.ClearFaults()
					env.Sandbox.SetFault("", sandbox.Fault{ErrorRate: 0.5})
				},
				Config: config(30),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkNoOrphans(env),
			},
		},
	})
	if env.Sandbox.Stats().Failed == 0 {
		t.Error("no ServerException was injected")
	}
}

// TestFault_latencyBeyondTimeout: CreateCluster answers after the create
// timeout, but ECS applies it (the request was received). The failed apply
// must not lose the cluster: the next apply converges on one cluster known
// to the state.
func TestFault_latencyBeyondTimeout(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	config := env.ProviderConfigWith(`  max_retries = 0`) + `
resource "ecsx_cluster" "test" {
  name     = "slow-create"
  timeouts = { create = "1s" }
}
`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Sandbox.SetFault("CreateCluster", sandbox.Fault{Latency: 2 * time.Second}) },
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)slow-create.*(deadline|timeout|context)`),
			},
			{
				PreConfig: func() {
					env.Sandbox.ClearFaults()
					time.Sleep(1500 * time.Millisecond) // the late create lands
				},
				Config: config,
				// The state knows the cluster (tainted): a replacement, not a
				// create that the adoption guard would refuse.
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkNoOrphans(env),
			},
		},
	})
}

// TestFault_createRequestLost: the connection drops before ECS applied
// CreateCluster, so the provider cannot know whether the cluster exists. The
// state records it by name; the next plan finds nothing under that name and
// creates it, without an import or a manual state edit.
func TestFault_createRequestLost(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	config := env.ProviderConfigWith(`  max_retries = 0`) + `
resource "ecsx_cluster" "test" {
  name = "request-lost"
  tags = { k = "v" }
}
`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Sandbox.SetFault("CreateCluster", sandbox.Fault{DropBeforeApply: 1}) },
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)request-lost.*recorded in the state\s+by name`),
			},
			{
				PreConfig: func() { expectNoLiveClusters(t, env) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate),
				}},
				Check: checkNoOrphans(env),
			},
		},
	})
}

// TestFault_createResponseDropped: the connection drops after CreateCluster
// succeeded and retries are off, so the provider sees a transport error for
// a change that happened. The next apply converges without an orphan or a
// duplicate. (With retries on, TestAccCluster_createResponseLost covers the
// SDK's idempotent retry.)
func TestFault_createResponseDropped(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	config := env.ProviderConfigWith(`  max_retries = 0`) + `
resource "ecsx_cluster" "test" {
  name = "dropped-create"
  tags = { k = "v" }
}
`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { env.Sandbox.SetFault("CreateCluster", sandbox.Fault{DropAfterApply: 1}) },
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)create cluster "dropped-create"`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: checkNoOrphans(env),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"k": knownvalue.StringExact("v")})),
				},
			},
		},
	})
}

// TestFault_putCapacityProvidersFails: a cluster is created, then the update
// of its capacity providers fails. The cluster stays in the state (the next
// plan is an update, not a create) and the next apply converges.
func TestFault_putCapacityProvidersFails(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	env := acctest.New(t)
	config := func(body string) string {
		return env.ProviderConfigWith(`  max_retries = 0`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = "put-fails"
  %s
}
`, body)
	}
	providers := `capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  default_capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 1 }]`
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{Config: config(""), Check: checkNoOrphans(env)},
			{
				PreConfig:   func() { env.Sandbox.SetFault("PutClusterCapacityProviders", sandbox.Fault{ErrorRate: 1}) },
				Config:      config(providers),
				ExpectError: regexp.MustCompile(`(?s)capacity providers.*put-fails|put-fails.*capacity providers`),
			},
			{
				PreConfig: env.Sandbox.ClearFaults,
				Config:    config(providers),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
				}},
				Check: checkNoOrphans(env),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("capacity_providers"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("FARGATE"), knownvalue.StringExact("FARGATE_SPOT"),
					})),
				},
			},
		},
	})
}
