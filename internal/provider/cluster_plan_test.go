package provider_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/ecsx/terraform-provider-ecsx/internal/acctest"
)

// changedAttributes is a plan check: the update of ecsx_cluster.test
// changes exactly the top-level attributes names (a value that differs from
// the prior state, or one that is unknown until apply), nothing else.
type changedAttributes struct {
	addr  string
	names []string
}

func expectChangedAttributes(names ...string) plancheck.PlanCheck {
	return changedAttributes{addr: clusterAddr, names: names}
}

func (c changedAttributes) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var got []string
		for name := range after {
			if !reflect.DeepEqual(before[name], after[name]) || hasUnknown(unknown[name]) {
				got = append(got, name)
			}
		}
		for name := range unknown {
			if _, ok := after[name]; !ok && hasUnknown(unknown[name]) {
				got = append(got, name)
			}
		}
		sort.Strings(got)
		want := slices.Clone(c.names)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			resp.Error = fmt.Errorf("%s: the plan changes %v, want exactly %v", c.addr, got, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

// hasUnknown reports whether an after_unknown value marks anything unknown.
func hasUnknown(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case map[string]any:
		for _, e := range x {
			if hasUnknown(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasUnknown(e) {
				return true
			}
		}
	}
	return false
}

// expectCounts are the plan checks of the counts and statistics, which no
// update can change: they keep the refreshed state's values (a busyCluster
// has 2 instances, 5 running tasks and 3 services).
func expectCounts(instances, tasks, services int64) []plancheck.PlanCheck {
	return []plancheck.PlanCheck{
		plancheck.ExpectKnownValue(clusterAddr, attr("registered_container_instances_count"), knownvalue.Int64Exact(instances)),
		plancheck.ExpectKnownValue(clusterAddr, attr("running_tasks_count"), knownvalue.Int64Exact(tasks)),
		plancheck.ExpectKnownValue(clusterAddr, attr("pending_tasks_count"), knownvalue.Int64Exact(0)),
		plancheck.ExpectKnownValue(clusterAddr, attr("active_services_count"), knownvalue.Int64Exact(services)),
		plancheck.ExpectKnownValue(clusterAddr, attr("statistics"), knownvalue.NotNull()),
	}
}

// expectCapacityKnown are the plan checks of the values that only a change
// of capacity providers or strategy can change: kept from the state.
func expectCapacityKnown() []plancheck.PlanCheck {
	return []plancheck.PlanCheck{
		plancheck.ExpectKnownValue(clusterAddr, attr("status"), knownvalue.StringExact("ACTIVE")),
		plancheck.ExpectKnownValue(clusterAddr, attr("attachments"), knownvalue.NotNull()),
		plancheck.ExpectKnownValue(clusterAddr, attr("attachments_status"), known{}),
	}
}

// known accepts any value: with plancheck.ExpectKnownValue, it checks only
// that the value is known at plan time (an unknown value is absent from the
// plan's after values). attachments_status is null until a capacity
// provider update has run.
type known struct{}

func (known) CheckValue(any) error { return nil }
func (known) String() string       { return "known" }

// TestAccCluster_quietPlans: an update plans only what the configuration
// changes. A setting change and a tag change keep every value ECS reports
// (status, counts, statistics, attachments) from the refreshed state; a
// strategy change leaves status and attachments unknown (ECS updates the
// attachments) and keeps the counts. After each apply, the next plan is
// empty: the apply returned what the plan promised.
func TestAccCluster_quietPlans(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t)
	name := acctest.RandomName("ecsx-quiet")
	config := func(insights, tag string, weight int) string {
		return clusterConfig(env, name, fmt.Sprintf(`force_destroy      = true
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
  tags               = { team = %q }

  setting {
    name  = "containerInsights"
    value = %q
  }
%s`, tag, insights, strategyBlocks(fmt.Sprintf(`capacity_provider = "FARGATE"
    weight            = %d`, weight))))
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				Config: config("enabled", "a", 1),
			},
			{
				// A setting change is one changed attribute.
				PreConfig: func() {
					if err := busyCluster(t.Context(), env, name); err != nil {
						t.Fatal(err)
					}
				},
				Config: config("enhanced", "a", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(append([]plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					expectChangedAttributes("setting"),
				}, expectCounts(2, 5, 3)...), expectCapacityKnown()...)},
			},
			{
				Config: config("enhanced", "b", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(append([]plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					expectChangedAttributes("tags", "tags_all"),
				}, expectCounts(2, 5, 3)...), expectCapacityKnown()...)},
			},
			{
				Config: config("enhanced", "b", 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					expectChangedAttributes("default_capacity_provider_strategy", "status", "attachments", "attachments_status"),
					plancheck.ExpectUnknownValue(clusterAddr, attr("status")),
					plancheck.ExpectUnknownValue(clusterAddr, attr("attachments")),
					plancheck.ExpectUnknownValue(clusterAddr, attr("attachments_status")),
				}, expectCounts(2, 5, 3)...)},
			},
		},
	})
}

// TestAccCluster_quietPlanAfterImport: after an import, a setting change is
// one changed attribute, and the values ECS reports keep the imported ones.
func TestAccCluster_quietPlanAfterImport(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	acctest.SkipOnAWS(t)
	name := acctest.RandomName("ecsx-quietimp")
	config := func(insights string) string {
		return clusterConfig(env, name, fmt.Sprintf(`capacity_providers = ["FARGATE"]

  default_capacity_provider_strategy {
    capacity_provider = "FARGATE"
    weight            = 1
  }

  setting {
    name  = "containerInsights"
    value = %q
  }`, insights))
	}
	acctest.Test(t, resource.TestCase{
		CheckDestroy: env.CheckClustersDestroyed(),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					_, err := env.ECS().CreateCluster(t.Context(), &ecs.CreateClusterInput{
						ClusterName:       aws.String(name),
						CapacityProviders: []string{"FARGATE"},
						DefaultCapacityProviderStrategy: []ecstypes.CapacityProviderStrategyItem{
							{CapacityProvider: aws.String("FARGATE"), Weight: 1},
						},
						Settings: []ecstypes.ClusterSetting{{
							Name: ecstypes.ClusterSettingNameContainerInsights, Value: aws.String("enabled"),
						}},
					})
					if err != nil {
						t.Fatal(err)
					}
				},
				Config:             config("enabled"),
				ResourceName:       clusterAddr,
				ImportState:        true,
				ImportStateId:      name,
				ImportStatePersist: true,
			},
			{
				Config: config("enhanced"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: append(append([]plancheck.PlanCheck{
					plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
					expectChangedAttributes("setting"),
				}, expectCounts(0, 0, 0)...), expectCapacityKnown()...)},
			},
		},
	})
}
