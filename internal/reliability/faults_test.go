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

// TestFault_createWithoutAnswer: CreateCluster gets no answer, so the
// provider cannot know whether the cluster exists. Whatever happened, the
// failed apply records the cluster in the state (tainted) and the next apply
// converges on one cluster known to the state: a replacement when ECS created
// it (never a create that the already-exists guard would refuse), a create
// when it did not. (With retries on, TestAccCluster_createResponseLost covers
// the SDK's idempotent retry.)
func TestFault_createWithoutAnswer(t *testing.T) {
	acctest.SkipOnAWS(t)
	t.Parallel()
	cases := map[string]struct {
		fault    sandbox.Fault
		timeouts string
		wantErr  string
		landed   bool // whether ECS applies the create
	}{
		// The create timeout expires while the call is in flight; ECS
		// applies it when the client gives up.
		"latency beyond the timeout": {
			fault: sandbox.Fault{Latency: 2 * time.Second}, timeouts: "timeouts {\n    create = \"1s\"\n  }",
			wantErr: `(deadline|timeout|context)`, landed: true,
		},
		"response dropped": {
			fault:   sandbox.Fault{DropAfterApply: 1},
			wantErr: `was created nonetheless`, landed: true,
		},
		"request lost": {
			fault:   sandbox.Fault{DropBeforeApply: 1},
			wantErr: `recorded\s+in\s+the\s+state\s+by\s+name`, landed: false,
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			config := env.ProviderConfigWith(`  max_retries = 0`) + fmt.Sprintf(`
resource "ecsx_cluster" "test" {
  name = "no-answer"
  tags = { k = "v" }
  %s
}
`, tc.timeouts)
			next := plancheck.ResourceActionCreate
			if tc.landed {
				next = plancheck.ResourceActionDestroyBeforeCreate
			}
			acctest.Test(t, resource.TestCase{
				CheckDestroy: env.CheckClustersDestroyed(),
				Steps: []resource.TestStep{
					{
						PreConfig:   func() { env.Sandbox.SetFault("CreateCluster", tc.fault) },
						Config:      config,
						ExpectError: regexp.MustCompile(`(?s)create cluster "no-answer".*` + tc.wantErr),
					},
					{
						PreConfig: func() {
							env.Sandbox.ClearFaults()
							if !tc.landed {
								expectNoLiveClusters(t, env)
							}
						},
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(clusterAddr, next),
						}},
						Check: checkNoOrphans(env),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"k": knownvalue.StringExact("v")})),
						},
					},
				},
			})
		})
	}
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

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
    base              = 1
  }`
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
