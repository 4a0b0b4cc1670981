package provider_test

import (
	"regexp"
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
	"github.com/ecsx/terraform-provider-ecsx/internal/sandbox"
)

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
